using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// Which enabled endpoints want which events, kept in memory: the outbox consults it inside every status change's
/// transaction, where a query per change would cost every send. Reloaded after each change made here and at most
/// a few seconds after one made by another instance.
/// </summary>
public sealed class WebhookSubscriptions(IDbContextFactory<NotificationsDbContext> dbFactory, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private volatile Snapshot current = new([], DateTimeOffset.MinValue);

    /// <summary>The enabled endpoints, each with its events; loaded when older than a few seconds.</summary>
    public async ValueTask<IReadOnlyList<Subscriber>> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = current;
        if (time.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot.Subscribers;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled)
            .Select(e => new { e.Id, e.Events, e.IncludeMachineHits })
            .ToListAsync(cancellationToken);
        var subscribers = rows.Select(r => new Subscriber(r.Id, r.Events.Split(',').ToHashSet(StringComparer.Ordinal), r.IncludeMachineHits)).ToList();
        current = new Snapshot(subscribers, time.GetUtcNow());
        return subscribers;
    }

    /// <summary>Forgets the snapshot: the next look reloads it.</summary>
    public void Invalidate() => current = new Snapshot([], DateTimeOffset.MinValue);

    public sealed record Subscriber(string EndpointId, IReadOnlySet<string> Events, bool IncludeMachineHits);

    private sealed record Snapshot(IReadOnlyList<Subscriber> Subscribers, DateTimeOffset LoadedAt);
}
