using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Sending;

/// <summary>Idempotency keys on /api POSTs (section <c>Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>
    /// How long a key whose first request is still running is held. Longer than any request takes (the intake
    /// answers within seconds), short enough that after a crash the client's retry runs again soon instead of
    /// meeting 409 for the day the record is kept.
    /// </summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
