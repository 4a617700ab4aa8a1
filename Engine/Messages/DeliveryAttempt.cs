namespace NotificationOps.Engine.Messages;

/// <summary>One call to a provider, stored before the call is made so a crash mid-call is visible afterwards.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }

    public required string MessageId { get; set; }

    public int Number { get; set; }

    public required string Channel { get; set; }

    public required string Provider { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>What we sent, secrets removed.</summary>
    public string? RequestSummary { get; set; }

    public int? ResponseStatus { get; set; }

    /// <summary>The provider's answer, truncated to 64 KB.</summary>
    public string? ResponseBody { get; set; }

    public AttemptOutcome Outcome { get; set; }

    /// <summary>transient, permanent, timeout, connection, unknown — why it failed.</summary>
    public string? ErrorClass { get; set; }

    public string? Error { get; set; }
}
