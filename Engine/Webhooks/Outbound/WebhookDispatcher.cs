using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// Finds the endpoints with due, unheld deliveries and enqueues their delivery jobs. The recovery sweep calls it
/// (the durable path: rows, not Hangfire, are the record of work), and so does <see cref="WebhookDispatchLoop"/>
/// right after the outbox was written to (the fast path).
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IBackgroundJobClient jobs,
    WebhookEndpointRuns runs,
    TimeProvider time) : IRecoverySource
{
    private readonly SemaphoreSlim signal = new(0, 1);

    /// <summary>Tells the dispatch loop that new deliveries may be waiting.</summary>
    public void Kick()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Kicked already: one wake-up covers every kick before it.
            }
        }
    }

    /// <summary>Waits for a kick, at most <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForKickAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken) => DispatchDueAsync(cancellationToken);

    /// <summary>Enqueues a job for each endpoint with due work that has none queued or running here; answers how many.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpointIds = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil <= now))
            .Select(d => d.EndpointId)
            .Distinct()
            .Join(db.WebhookEndpoints.Where(e => e.Enabled), id => id, e => e.Id, (id, _) => id)
            .ToListAsync(cancellationToken);
        var enqueued = 0;
        foreach (var endpointId in endpointIds)
        {
            if (runs.Request(endpointId))
            {
                jobs.Enqueue<WebhookDeliveryJob>(JobQueues.Webhooks, job => job.RunAsync(endpointId, CancellationToken.None));
                enqueued++;
            }
        }

        return enqueued;
    }
}
