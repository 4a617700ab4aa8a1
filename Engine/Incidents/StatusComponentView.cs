using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Incidents;

/// <summary>A component and its state now.</summary>
public sealed record StatusComponentView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status);
