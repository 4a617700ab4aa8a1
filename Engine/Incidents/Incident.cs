namespace NotificationOps.Engine.Incidents;

/// <summary>An incident: opened by a rule (with <see cref="RuleKey"/>) or by an operator, with its updates.</summary>
public sealed class Incident
{
    public long Id { get; set; }

    public required string Title { get; set; }

    public IncidentImpact Impact { get; set; }

    public IncidentStatus Status { get; set; }

    /// <summary>Affected component ids, space-separated.</summary>
    public required string Components { get; set; }

    /// <summary>The rule finding that opened it (e.g. <c>provider:sendgrid</c>); null for a manual incident.</summary>
    public string? RuleKey { get; set; }

    /// <summary>A planned maintenance, opened by an operator.</summary>
    public bool Maintenance { get; set; }

    /// <summary>The state the rule last judged for the components (for worsening), or the impact's for a manual one.</summary>
    public ComponentStatus Severity { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>When the rule last found the component healthy after a failure; null while it still fails.</summary>
    public DateTimeOffset? HealthySince { get; set; }

    /// <summary>Set when the only provider of the failing channel is the one failing, so alerts on it cannot get out.</summary>
    public string? AlertNote { get; set; }

    public List<IncidentUpdate> Updates { get; set; } = [];

    public IReadOnlyList<string> ComponentIds => Components.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
