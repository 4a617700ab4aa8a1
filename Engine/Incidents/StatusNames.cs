namespace NotificationOps.Engine.Incidents;

/// <summary>The wire names of component states, impacts and incident statuses (docs/operations.md).</summary>
public static class StatusNames
{
    public static string Of(ComponentStatus status) => status switch
    {
        ComponentStatus.Operational => "operational",
        ComponentStatus.UnderMaintenance => "under_maintenance",
        ComponentStatus.Degraded => "degraded_performance",
        ComponentStatus.PartialOutage => "partial_outage",
        _ => "major_outage",
    };

    public static string Of(IncidentImpact impact) => impact.ToString().ToLowerInvariant();

    public static string Of(IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out IncidentStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && text is not null && !char.IsDigit(text[0]);

    public static bool TryParse(string? text, out IncidentImpact impact) =>
        Enum.TryParse(text, ignoreCase: true, out impact) && Enum.IsDefined(impact) && text is not null && !char.IsDigit(text[0]);

    /// <summary>The component state an incident of this impact implies for the components it names.</summary>
    public static ComponentStatus Implied(IncidentImpact impact, bool maintenance) => maintenance ? ComponentStatus.UnderMaintenance : impact switch
    {
        IncidentImpact.None => ComponentStatus.Operational,
        IncidentImpact.Minor => ComponentStatus.Degraded,
        IncidentImpact.Major => ComponentStatus.PartialOutage,
        _ => ComponentStatus.MajorOutage,
    };
}
