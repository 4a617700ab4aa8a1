namespace NotificationOps.Engine.Incidents;

/// <summary>What happened to an incident in one step, for the alerts.</summary>
public sealed record IncidentChange(long IncidentId, string Title, IncidentChangeKind Kind, IncidentStatus Status, string Body, string? AlertNote);
