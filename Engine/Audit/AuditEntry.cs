namespace NotificationOps.Engine.Audit;

/// <summary>One change someone made: who (dashboard user or API key), when, to what, and what changed.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>"user:ada@example.com" or "api-key:CI (nops_abc1)".</summary>
    public required string Actor { get; set; }

    /// <summary>e.g. template.created, template.published.</summary>
    public required string Action { get; set; }

    /// <summary>What was changed, e.g. "template".</summary>
    public required string SubjectType { get; set; }

    public required string SubjectId { get; set; }

    /// <summary>Its readable name at the time (the alias), so the entry reads well after a delete.</summary>
    public string? SubjectName { get; set; }

    /// <summary>What changed, in words.</summary>
    public string? Detail { get; set; }
}
