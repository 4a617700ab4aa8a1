using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// One message on its way through a send run: the plan read once, the provider it tries now (or the verdict when
/// none is left), and that attempt's row and answer. A run moves it from round to round until it is done.
/// </summary>
internal sealed class SendWork(Message message, DeliveryPlan plan)
{
    public Message Message { get; } = message;

    public DeliveryPlan Plan { get; } = plan;

    /// <summary>The provider to try in this round; null when <see cref="Verdict"/> is all that is left.</summary>
    public DeliveryTarget? Target { get; set; }

    /// <summary>The final status to write when nothing is left to try (a refusal, or every provider failed).</summary>
    public (MessageStatus Status, MessageReason Reason, string Error)? Verdict { get; set; }

    public DeliveryAttempt? Attempt { get; set; }

    public ProviderResult? Result { get; set; }

    /// <summary>The rendered output, serialised before the write lock is taken.</summary>
    public string? OutputJson { get; set; }

    /// <summary>Some provider was tried (now or by an earlier run): the verdict is UNDELIVERABLE, not UNROUTABLE.</summary>
    public bool SawProvider { get; set; } = message.AttemptCount > 0;

    public MessageReason FailureReason { get; set; } = MessageReason.ProviderError;

    public string? LastError { get; set; } = message.Error;

    public string Id => Message.Id;

    /// <summary>Moves on to <paramref name="target"/>, or to the verdict when it is null.</summary>
    public void GoTo(DeliveryTarget? target)
    {
        Target = target;
        Attempt = null;
        Result = null;
        OutputJson = null;
        if (target is not null)
        {
            return;
        }

        Verdict = Plan.Refusal ?? (SawProvider
            ? (MessageStatus.Undeliverable, FailureReason, LastError ?? "Every provider failed.")
            : (MessageStatus.Unroutable, MessageReason.NoProviders, $"No enabled provider for the routed channels ({string.Join(", ", Plan.Reachable)})."));
    }
}
