namespace NotificationOps.Engine.Messages;

/// <summary>A wish to move one message from <see cref="ExpectedFrom"/> to <see cref="To"/>, with what to record.</summary>
public sealed record TransitionRequest(string MessageId, MessageStatus ExpectedFrom, MessageStatus To, string Source)
{
    public MessageReason? Reason { get; init; }

    public string? Error { get; init; }

    public string? Provider { get; init; }

    public string? Detail { get; init; }

    public string? Payload { get; init; }

    /// <summary>When the signal happened (a provider's event time); now when null.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>
    /// The transition closes the pipeline's attempt: the next-attempt time and the lease are cleared in the same
    /// guarded UPDATE, and when it is a success, <see cref="ProviderMessageId"/> replaces the previous attempt's.
    /// </summary>
    public bool EndsAttempt { get; init; }

    /// <summary>The provider's id for the accepted attempt (written with <see cref="EndsAttempt"/> on a success).</summary>
    public string? ProviderMessageId { get; init; }
}
