namespace NotificationOps.Engine.Incidents;

/// <summary>An incident opened by an operator (an outage the rules cannot see, or planned maintenance).</summary>
public sealed record NewIncident(string Title, IncidentImpact Impact, IReadOnlyList<string> Components, IncidentStatus Status, string Body, bool Maintenance);
