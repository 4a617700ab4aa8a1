using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Observability;

/// <summary>
/// Times SENT → DELIVERED. Every transition passes the status change sinks, so this sees deliveries from webhooks,
/// receipts and the pipeline alike; it reads the rows just updated (in the same transaction) for the stored times,
/// which are the provider's event times when a webhook gave one. Only a batch with a delivery costs a query.
/// A transaction that rolls back after this ran has still been counted: a rare failure, and a histogram, not a record.
/// </summary>
public sealed class DeliveryLatencySink(NotificationMetrics metrics) : IStatusChangeSink
{
    public async Task WriteAsync(NotificationsDbContext db, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        List<string>? ids = null;
        foreach (var change in changes)
        {
            if (change.Status == MessageStatus.Delivered && change.Event == MessageChange.Updated)
            {
                (ids ??= []).Add(change.MessageId);
            }
        }

        if (ids is null)
        {
            return;
        }

        var delivered = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.SentAt != null && m.DeliveredAt != null)
            .Select(m => new { m.Channel, m.Provider, m.SentAt, m.DeliveredAt })
            .ToListAsync(cancellationToken);
        foreach (var m in delivered)
        {
            metrics.Delivered(m.Channel ?? string.Empty, m.Provider ?? string.Empty, m.DeliveredAt!.Value - m.SentAt!.Value);
        }
    }
}
