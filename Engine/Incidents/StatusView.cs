using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Incidents;

/// <summary><c>GET /api/status</c>: every component's state and the incidents of the last 90 days, open ones first.</summary>
public sealed record StatusView(
    [property: JsonPropertyName("components")] IReadOnlyList<StatusComponentView> Components,
    [property: JsonPropertyName("incidents")] IReadOnlyList<IncidentView> Incidents);
