namespace NotificationOps.Engine.Incidents;

/// <summary>A rule's verdict that something is wrong: which incident (<see cref="Key"/>), how bad, and the numbers.</summary>
public sealed record RuleFinding(string Key, string Title, ComponentStatus Status, IReadOnlyList<string> Components, string Evidence)
{
    /// <summary>Set when the failing provider is the only one of its channel, so an alert through that channel would fail too.</summary>
    public string? AlertNote { get; init; }

    public IncidentImpact Impact => Status switch
    {
        ComponentStatus.MajorOutage => IncidentImpact.Critical,
        ComponentStatus.PartialOutage => IncidentImpact.Major,
        ComponentStatus.Degraded => IncidentImpact.Minor,
        _ => IncidentImpact.None,
    };
}
