using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Incidents;

/// <summary><c>GET /api/status/history</c>: the incidents started in the window, their downtime, and per month.</summary>
public sealed record HistoryView(
    [property: JsonPropertyName("days")] int Days,
    [property: JsonPropertyName("incidents")] IReadOnlyList<IncidentView> Incidents,
    [property: JsonPropertyName("downtime_minutes")] long DowntimeMinutes,
    [property: JsonPropertyName("per_month")] IReadOnlyList<MonthSummary> PerMonth)
{
    /// <summary>"N incidents in the last D days totaling H h M m of downtime — averaging K per month".</summary>
    public string Sentence()
    {
        var months = Math.Max(1.0, Days / 30.0);
        var noun = Incidents.Count == 1 ? "incident" : "incidents";
        return $"{Incidents.Count} {noun} in the last {Days} days totaling {DowntimeMinutes / 60} h {DowntimeMinutes % 60} m of downtime — averaging {Incidents.Count / months:0.#} per month";
    }
}
