using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Runs whose current step is due and that no job holds: a delay that ended while the process was down, a
/// continuation lost with in-memory job storage, a step cut off by a crash (its lease expired).
/// </summary>
public sealed class AutomationRecoverySource(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IBackgroundJobClient jobs,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time) : IRecoverySource
{
    private const int BatchSize = 10_000;

    public async Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dueBefore = delivery.Value.RecoveryDueBefore(now, startup);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.AutomationRuns.AsNoTracking()
            .Where(r => r.Status == AutomationRunStatus.Running || r.Status == AutomationRunStatus.Waiting)
            .Where(r => r.NextDueAt != null && r.NextDueAt <= dueBefore)
            .Where(r => r.LeaseUntil == null || r.LeaseUntil <= now)
            .OrderBy(r => r.NextDueAt)
            .Select(r => r.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var runId in due)
        {
            jobs.Enqueue<AutomationJob>(JobQueues.Automations, job => job.RunAsync(runId, null, CancellationToken.None));
        }

        return due.Count;
    }
}
