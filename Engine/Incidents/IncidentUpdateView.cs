using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Incidents;

/// <summary>One timeline entry of an incident.</summary>
public sealed record IncidentUpdateView(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("author")] string Author);
