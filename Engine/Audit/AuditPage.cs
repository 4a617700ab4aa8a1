namespace NotificationOps.Engine.Audit;

/// <summary>A page of the audit trail; <see cref="NextBefore"/> fetches the older entries, null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextBefore);
