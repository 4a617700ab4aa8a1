using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>The delivery log (per endpoint and per message), replays, and the test event.</summary>
public sealed class WebhookDeliveryLog(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    WebhookDispatcher dispatcher,
    TimeProvider time)
{
    public const int MaxLimit = 100;

    /// <summary>A page of the endpoint's deliveries, newest first, from before <paramref name="before"/> (the cursor).</summary>
    public async Task<WebhookDeliveryPage> ListAsync(string endpointId, long? before, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        if (before is { } cursor)
        {
            query = query.Where(d => d.Id < cursor);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = await WithAttemptsAsync(db, rows.Take(limit).ToList(), cancellationToken);
        return new WebhookDeliveryPage(items, rows.Count > limit ? rows[limit - 1].Id : null);
    }

    /// <summary>Every endpoint's deliveries of one message, in write order (the message detail page).</summary>
    public async Task<IReadOnlyList<WebhookDeliveryEntry>> ForMessageAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.MessageId == messageId).OrderBy(d => d.Id).Take(500).ToListAsync(cancellationToken);
        return await WithAttemptsAsync(db, rows, cancellationToken);
    }

    public async Task<WebhookDeliveryEntry?> GetAsync(string endpointId, long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId, cancellationToken);
        return row is null ? null : (await WithAttemptsAsync(db, [row], cancellationToken))[0];
    }

    /// <summary>
    /// Sends the delivery again from the start of the retry schedule, with the same <c>webhook-id</c> and body.
    /// False when there is no such delivery or it is in flight right now.
    /// </summary>
    public async Task<bool> ReplayAsync(string endpointId, long deliveryId, CancellationToken cancellationToken = default) =>
        await ReplayWhereAsync(endpointId, d => d.Id == deliveryId, cancellationToken) > 0;

    /// <summary>Replays every finally failed delivery whose event happened in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Task<int> ReplayFailedAsync(string endpointId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ReplayWhereAsync(endpointId, d => d.State == WebhookDeliveryState.Failed && d.OccurredAt >= from && d.OccurredAt < to, cancellationToken);

    /// <summary>Queues a <c>webhook:test</c> event for the endpoint; its delivery id.</summary>
    public Task<long> SendTestAsync(string endpointId, CancellationToken cancellationToken = default) =>
        QueueAsync(endpointId, WebhookEvents.Test, WebhookPayloads.ForTest(endpointId, time.GetUtcNow()), cancellationToken);

    /// <summary>Queues one event for one endpoint whatever its subscription (a test, an ops alert); its delivery id.</summary>
    public async Task<long> QueueAsync(string endpointId, string eventType, string payload, CancellationToken cancellationToken = default, string? detail = null)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new WebhookDelivery
        {
            EndpointId = endpointId,
            WebhookId = WebhookOutbox.NewWebhookId(),
            EventType = eventType,
            Payload = payload,
            Detail = detail,
            OccurredAt = now,
            State = WebhookDeliveryState.Pending,
            NextAttemptAt = now,
        };
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            db.WebhookDeliveries.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        dispatcher.Kick();
        return row.Id;
    }

    private async Task<int> ReplayWhereAsync(
        string endpointId, System.Linq.Expressions.Expression<Func<WebhookDelivery, bool>> which, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        int replayed;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            replayed = await db.WebhookDeliveries
                .Where(d => d.EndpointId == endpointId && (d.LeaseUntil == null || d.LeaseUntil <= now))
                .Where(which)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(d => d.State, WebhookDeliveryState.Pending)
                    .SetProperty(d => d.ScheduleIndex, 0)
                    .SetProperty(d => d.NextAttemptAt, now)
                    .SetProperty(d => d.DeliveredAt, (DateTimeOffset?)null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (replayed > 0)
        {
            dispatcher.Kick();
        }

        return replayed;
    }

    private static async Task<IReadOnlyList<WebhookDeliveryEntry>> WithAttemptsAsync(
        NotificationsDbContext db, IReadOnlyList<WebhookDelivery> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderByDescending(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        var endpointIds = rows.Select(r => r.EndpointId).Distinct().ToList();
        var urls = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Url, cancellationToken);
        return rows.Select(r => new WebhookDeliveryEntry(r, urls.GetValueOrDefault(r.EndpointId), attempts[r.Id].ToList())).ToList();
    }
}
