using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// The outbox: for every change and every enabled endpoint that subscribes to it, one delivery row, appended in the
/// transaction of the change itself. If the process dies right after the commit, the rows are there and the
/// recovery sweep delivers them; if the change rolls back, so do they. Free when no endpoint is configured.
/// </summary>
public sealed class WebhookOutbox(WebhookSubscriptions subscriptions, WebhookDispatcher dispatcher, TimeProvider time) : IStatusChangeSink
{
    public async Task WriteAsync(NotificationsDbContext db, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        var subscribers = await subscriptions.GetAsync(cancellationToken);
        if (subscribers.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var rows = new List<WebhookDelivery>();
        foreach (var change in changes)
        {
            foreach (var subscriber in subscribers)
            {
                if (subscriber.Events.Contains(change.Event) && (!change.Machine || subscriber.IncludeMachineHits))
                {
                    rows.Add(new WebhookDelivery
                    {
                        EndpointId = subscriber.EndpointId,
                        WebhookId = NewWebhookId(),
                        EventType = change.Event,
                        MessageId = change.MessageId,
                        Status = change.Status?.ToWire(),
                        Detail = change.Detail,
                        OccurredAt = change.At,
                        State = WebhookDeliveryState.Pending,
                        NextAttemptAt = now,
                    });
                }
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        await ModelRowInserter.InsertAsync(db, rows, cancellationToken);
        dispatcher.Kick(rows.Select(r => r.EndpointId).Distinct());
    }

    public static string NewWebhookId() => "msg_" + Guid.NewGuid().ToString("N");
}
