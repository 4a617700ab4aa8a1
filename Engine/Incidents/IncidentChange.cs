namespace NotificationOps.Engine.Incidents;

/// <summary>What happened to an incident in one step, for the alerts.</summary>
public sealed record IncidentChange(long IncidentId, string Title, IncidentChangeKind Kind, IncidentStatus Status, string Body, string? AlertNote)
{
    /// <summary>
    /// The providers the incident finds failing while it is still being worked on (investigating or identified):
    /// its alerts go around them, so an alert is not queued behind the very failure it reports.
    /// </summary>
    public IReadOnlyList<string> FailingProviders { get; init; } = [];
}
