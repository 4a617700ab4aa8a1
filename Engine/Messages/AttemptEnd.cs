namespace NotificationOps.Engine.Messages;

/// <summary>
/// The end of an attempt that leaves the status as it is (a scheduled retry, or a failure of a message that was
/// already UNDELIVERABLE): what to record, written only while the message is still in <see cref="Status"/>.
/// </summary>
public sealed record AttemptEnd(string MessageId, MessageStatus Status, string EventType, string Source)
{
    /// <summary>The reason to record; null keeps the one the message has.</summary>
    public MessageReason? Reason { get; init; }

    public string? Error { get; init; }

    /// <summary>When the next attempt is due; null when none is pending any more.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? Provider { get; init; }

    public string? Detail { get; init; }

    public string? Payload { get; init; }
}
