using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Incidents;

/// <summary>One calendar month (UTC) of the history.</summary>
public sealed record MonthSummary(
    [property: JsonPropertyName("month")] string Month,
    [property: JsonPropertyName("incidents")] int Incidents,
    [property: JsonPropertyName("downtime_minutes")] long DowntimeMinutes);
