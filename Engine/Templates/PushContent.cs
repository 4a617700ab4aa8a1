using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Templates;

/// <summary>Push content: title and body shown on the device, and a data payload for the app (string values are templated).</summary>
public sealed record PushContent
{
    public string? Title { get; init; }

    public string? Body { get; init; }

    public JsonObject? Data { get; init; }

    internal bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body);
}
