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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> kicked = new(StringComparer.Ordinal);
    private volatile bool pollAsked;

    /// <summary>
    /// Tells the dispatch loop that these endpoints have new deliveries: it asks their jobs to run (or, when one runs,
    /// to look again) without a query, which under a steady stream of changes is nearly every time.
    /// </summary>
    public void Kick(IEnumerable<string> endpointIds)
    {
        foreach (var id in endpointIds)
        {
            kicked.TryAdd(id, 0);
        }

        Signal();
    }

    /// <summary>Tells the dispatch loop to look for due deliveries of any endpoint (a replay, a test event).</summary>
    public void Kick()
    {
        pollAsked = true;
        Signal();
    }

    /// <summary>Whether a look at every endpoint was asked for since the last call.</summary>
    public bool TakePollRequest()
    {
        var asked = pollAsked;
        pollAsked = false;
        return asked;
    }

    /// <summary>Requests a job for every kicked endpoint; answers how many were enqueued.</summary>
    public int DispatchKicked()
    {
        var enqueued = 0;
        foreach (var id in kicked.Keys)
        {
            kicked.TryRemove(id, out _);
            if (runs.Request(id))
            {
                jobs.Enqueue<WebhookDeliveryJob>(JobQueues.Webhooks, job => job.RunAsync(id, CancellationToken.None));
                enqueued++;
            }
        }

        return enqueued;
    }

    private void Signal()
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
