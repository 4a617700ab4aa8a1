using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>One block of rendered content (we render one text block).</summary>
public sealed record MessageOutputBlock(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text);
