using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// The outbox: for every change and every enabled endpoint that subscribes to it, one delivery row, appended in the
/// transaction of the change itself. If the process dies right after the commit, the rows are there and the
/// recovery sweep delivers them; if the change rolls back, so do they. Free when no endpoint is configured.
/// Message changes arrive through <see cref="IStatusChangeSink"/>, automation runs' status changes through
/// <see cref="IRunChangeSink"/> (<c>automation:run-updated</c>).
/// </summary>
public sealed class WebhookOutbox(WebhookSubscriptions subscriptions, WebhookDispatcher dispatcher, TimeProvider time) : IStatusChangeSink, IRunChangeSink
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

        await AppendAsync(db, rows, cancellationToken);
    }

    /// <summary>
    /// One <c>automation:run-updated</c> row per run and subscribing endpoint, its body fixed now: the run as
    /// <c>GET /api/automations/runs/{id}</c> answers it at this change (read in the change's transaction), so a late
    /// retry still reports the status this event announced.
    /// </summary>
    public async Task WriteAsync(NotificationsDbContext db, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        var subscribers = (await subscriptions.GetAsync(cancellationToken)).Where(s => s.Events.Contains(WebhookEvents.RunUpdated)).ToList();
        if (subscribers.Count == 0 || runIds.Count == 0)
        {
            return;
        }

        var runs = await db.AutomationRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToListAsync(cancellationToken);
        var steps = (await db.AutomationRunSteps.AsNoTracking().Where(s => runIds.Contains(s.RunId)).ToListAsync(cancellationToken)).ToLookup(s => s.RunId);
        var now = time.GetUtcNow();
        var rows = new List<WebhookDelivery>();
        foreach (var run in runs)
        {
            var payload = WebhookPayloads.ForRun(run, steps[run.Id].OrderBy(s => s.Index).ToList());
            rows.AddRange(subscribers.Select(subscriber => new WebhookDelivery
            {
                EndpointId = subscriber.EndpointId,
                WebhookId = NewWebhookId(),
                EventType = WebhookEvents.RunUpdated,
                Status = run.Status.ToString().ToUpperInvariant(),
                Payload = payload,
                OccurredAt = run.UpdatedAt,
                State = WebhookDeliveryState.Pending,
                NextAttemptAt = now,
            }));
        }

        await AppendAsync(db, rows, cancellationToken);
    }

    private async Task AppendAsync(NotificationsDbContext db, List<WebhookDelivery> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await ModelRowInserter.InsertAsync(db, rows, cancellationToken);
        dispatcher.Kick(rows.Select(r => r.EndpointId).Distinct());
    }

    public static string NewWebhookId() => "msg_" + Guid.NewGuid().ToString("N");
}
