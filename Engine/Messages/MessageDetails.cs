using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// One message as the detail page shows it: the row, its history and attempts, what was rendered, who it went
/// to, and what an operator may do with it now.
/// </summary>
public sealed record MessageDetails
{
    public required Message Message { get; init; }

    /// <summary>Oldest first, in the order the events were written.</summary>
    public required IReadOnlyList<MessageEvent> History { get; init; }

    /// <summary>In attempt order.</summary>
    public required IReadOnlyList<DeliveryAttempt> Attempts { get; init; }

    /// <summary>What the latest attempt rendered for its channel; null before the first attempt.</summary>
    public RenderedContent? Output { get; init; }

    /// <summary>The recipient as the send stored it (inline fields merged over the profile of that moment).</summary>
    public string? RecipientJson { get; init; }

    /// <summary>The recipient's stored profile as it is now; null without a user id or without a profile.</summary>
    public string? ProfileJson { get; init; }

    /// <summary>The ids, among this message's providers, of the simulated ones (they send nothing anywhere).</summary>
    public IReadOnlySet<string> SimulatedProviders { get; init; } = new HashSet<string>();

    public int AttemptCount => Message.AttemptCount;

    public DateTimeOffset? NextAttemptAt => Message.NextAttemptAt;

    public DateTimeOffset? RetryBudgetUntil => Message.RetryBudgetUntil;

    public bool ProviderIsSimulated => Message.Provider is { } provider && IsSimulated(provider);

    /// <summary>ENQUEUED after a failed attempt, with the next one scheduled.</summary>
    public bool RetryPending => MessageStatusMachine.IsRetryPending(Message);

    // The rules MessageOperations enforces, asked of it, to enable or disable buttons.
    public bool CanRetry => MessageStatusMachine.CanRetry(Message);

    public bool CanCancel => MessageStatusMachine.IsCancelable(Message.Status);

    /// <summary>A resend copies a message that has run its course; one still waiting to go out would just go twice.</summary>
    public bool CanResend => Message.Status is not (MessageStatus.Enqueued or MessageStatus.Delayed);

    /// <summary>
    /// Nothing more will happen by itself: a SENT message still waits for its receipt, an ENQUEUED or DELAYED one
    /// for the pipeline, and a retried UNDELIVERABLE one for its pending attempt.
    /// </summary>
    public bool IsSettled => Message.Status is not (MessageStatus.Enqueued or MessageStatus.Delayed or MessageStatus.Sent)
        && Message.NextAttemptAt is null;

    public bool IsSimulated(string provider) => SimulatedProviders.Contains(provider);
}
