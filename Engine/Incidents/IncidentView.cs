using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Incidents;

/// <summary>An incident with its whole timeline, newest update first.</summary>
public sealed record IncidentView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("impact")] string Impact,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("components")] IReadOnlyList<string> Components,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("maintenance")] bool Maintenance,
    [property: JsonPropertyName("alert_note")] string? AlertNote,
    [property: JsonPropertyName("updates")] IReadOnlyList<IncidentUpdateView> Updates)
{
    /// <summary>How long it lasted, or has lasted until <paramref name="now"/>.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (ResolvedAt ?? now) - StartedAt;
}
