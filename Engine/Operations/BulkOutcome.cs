using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Operations;

/// <summary>
/// What became of the messages a bulk operation acted on, read from their status now (not from the operation's
/// own "queued" count): still pending, sent, delivered (or further), failed again by reason, canceled.
/// </summary>
public sealed record BulkOutcome(
    int Touched,
    int Pending,
    int Sent,
    int Delivered,
    int Failed,
    int Canceled,
    IReadOnlyDictionary<MessageReason, int> FailedByReason)
{
    public static readonly BulkOutcome None = new(0, 0, 0, 0, 0, 0, new Dictionary<MessageReason, int>());

    /// <summary>
    /// Sums counts per (status, reason, attempt pending) into the outcome's buckets. A requeued failure keeps its
    /// status until its next attempt runs, so "an attempt is pending" counts as pending whatever the status says.
    /// </summary>
    public static BulkOutcome From(IEnumerable<(MessageStatus Status, MessageReason? Reason, bool AttemptPending, int Count)> rows)
    {
        int touched = 0, pending = 0, sent = 0, delivered = 0, failed = 0, canceled = 0;
        var byReason = new Dictionary<MessageReason, int>();
        foreach (var (status, reason, attemptPending, count) in rows)
        {
            touched += count;
            switch (status)
            {
                case MessageStatus.Enqueued or MessageStatus.Delayed:
                case MessageStatus.Undeliverable or MessageStatus.Unroutable when attemptPending:
                    pending += count;
                    break;
                case MessageStatus.Sent:
                    sent += count;
                    break;
                case MessageStatus.Delivered or MessageStatus.Opened or MessageStatus.Clicked or MessageStatus.Simulated:
                    delivered += count;
                    break;
                case MessageStatus.Undeliverable or MessageStatus.Unroutable:
                    failed += count;
                    var key = reason ?? MessageReason.Failed;
                    byReason[key] = byReason.GetValueOrDefault(key) + count;
                    break;
                case MessageStatus.Canceled:
                    canceled += count;
                    break;
            }
        }

        return new BulkOutcome(touched, pending, sent, delivered, failed, canceled, byReason);
    }
}
