using NotificationOps.Engine.Incidents;

namespace NotificationOps.Dashboard.Components.Pages.Status;

/// <summary>What an operator is typing: a new incident, or an update or new title for an open one.</summary>
public sealed class IncidentDraft
{
    public string Title { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public IReadOnlyCollection<string>? Components { get; set; } = [];

    public IncidentImpact Impact { get; set; } = IncidentImpact.Minor;

    public IncidentStatus Status { get; set; } = IncidentStatus.Investigating;

    public bool Maintenance { get; set; }
}
