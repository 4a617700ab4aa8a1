using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Health;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Incidents;

/// <summary>
/// Reads what the rules judge from the store (attempts of the last minutes, the oldest due message, the tracking
/// watermark) and from Hangfire's monitoring API: rows survive restarts and every instance sees the same ones.
/// </summary>
public sealed class HealthSnapshotReader(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    ProviderRegistry providers,
    JobStorage jobStorage,
    IOptions<JobsOptions> jobs,
    IOptionsMonitor<OperationsOptions> options,
    TimeProvider time)
{
    public async Task<(HealthSnapshot Snapshot, GaugeReadings Gauges)> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var since = now.AddSeconds(-settings.ProviderWindowSeconds);
        var attempts = await db.DeliveryAttempts.AsNoTracking()
            .Where(a => a.StartedAt >= since && a.Outcome != AttemptOutcome.Pending)
            .OrderBy(a => a.Id)
            .Select(a => new { a.Provider, a.Channel, a.Outcome, a.ResponseStatus, a.ErrorClass })
            .ToListAsync(cancellationToken);
        var windows = attempts
            .GroupBy(a => (a.Provider, a.Channel))
            .Select(g =>
            {
                var last = g.LastOrDefault(a => a.Outcome == AttemptOutcome.TransientFailure);
                return new ProviderWindow(g.Key.Provider, g.Key.Channel, g.Count(), g.Count(a => a.Outcome == AttemptOutcome.TransientFailure), last?.ResponseStatus, last?.ErrorClass);
            })
            .ToList();

        var oldestDue = await db.Messages.AsNoTracking()
            .Where(m => m.NextAttemptAt != null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);
        var backlog = await db.Messages.AsNoTracking()
            .LongCountAsync(m => m.NextAttemptAt != null && m.Status == MessageStatus.Enqueued && m.AttemptCount > 0, cancellationToken);

        var watermark = await db.TrackingWatermarks.AsNoTracking()
            .Where(w => w.Source == TrackingWatermark.TrackingHits).Select(w => (long?)w.LastId).FirstOrDefaultAsync(cancellationToken) ?? 0;
        var oldestUnread = await db.TrackingHits.AsNoTracking()
            .Where(h => h.Id > watermark).OrderBy(h => h.Id).Select(h => (DateTimeOffset?)h.At).FirstOrDefaultAsync(cancellationToken);

        var disabledEndpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => !e.Enabled && e.DisabledReason != null && e.DisabledReason.StartsWith(WebhookDeliveryStore.FailingReasonPrefix))
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);

        var monitoring = jobStorage.GetMonitoringApi();
        var servers = JobServerHealthCheck.Alive(monitoring.Servers(), now);
        var queues = monitoring.Queues().ToDictionary(q => q.Name, q => q.Length);
        var failed = monitoring.FailedCount();
        var (requests, errors) = await ApiRequestLog.TotalsAsync(db, now, settings.ApiWindowSeconds, cancellationToken);

        var oldestDueSeconds = oldestDue is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0;
        var trackingLag = oldestUnread is { } unread ? Math.Max(0, (now - unread).TotalSeconds) : 0;
        var snapshot = new HealthSnapshot
        {
            At = now,
            Providers = windows,
            ChannelProviders = providers.All.GroupBy(p => p.Channel)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Id).ToList()),
            OldestDueSeconds = oldestDueSeconds,
            RetryBacklog = backlog,
            JobServerExpected = jobs.Value.ServerEnabled,
            JobServers = servers,
            TrackingLagSeconds = trackingLag,
            ApiRequests = requests,
            ApiServerErrors = errors,
            DisabledWebhookEndpoints = disabledEndpoints,
        };
        return (snapshot, new GaugeReadings(backlog, oldestDueSeconds, queues, failed, servers, trackingLag));
    }
}
