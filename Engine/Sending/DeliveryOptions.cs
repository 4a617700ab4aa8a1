using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Sending;

/// <summary>Retries, leases and timeouts of the send pipeline (section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>First backoff step; each later step doubles, with full jitter.</summary>
    [Range(0.01, 3600)]
    public double RetryBaseSeconds { get; set; } = 5;

    /// <summary>The longest single wait between attempts.</summary>
    [Range(0.01, 86_400)]
    public double RetryCapSeconds { get; set; } = 900;

    /// <summary>Automatic retries of one message stop after this long; then failover, then UNDELIVERABLE (FAILED).</summary>
    [Range(0.001, 720)]
    public double RetryBudgetHours { get; set; } = 24;

    /// <summary>How long one provider call may take before it counts as a (transient) timeout.</summary>
    [Range(1, 600)]
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>A send job holds a message this long beyond the attempt timeout; a crashed job's hold simply expires.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>The recovery sweep leaves alone work that became due less than this long ago (its job is likely queued).</summary>
    [Range(0, 3600)]
    public int RecoveryGraceSeconds { get; set; } = 30;

    /// <summary>
    /// The longest an API request waits for the store to take its write (a send's intake); past it the request
    /// answers 503 with Retry-After and nothing is stored, rather than hanging on a locked or failing database.
    /// </summary>
    [Range(1, 120)]
    public int IntakeTimeoutSeconds { get; set; } = 5;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds + AttemptTimeoutSeconds);

    /// <summary>
    /// What the recovery sweep takes: work due before this. Outside start-up, work due a moment ago most likely has
    /// its job queued already; at start-up nothing is in flight, so everything due is taken.
    /// </summary>
    public DateTimeOffset RecoveryDueBefore(DateTimeOffset now, bool startup) => startup ? now : now - TimeSpan.FromSeconds(RecoveryGraceSeconds);
}
