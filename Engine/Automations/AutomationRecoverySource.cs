using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Runs whose current step is due and that no job holds: a delay that ended while the process was down, a
/// continuation lost with in-memory job storage, a step cut off by a crash (its lease expired). At start-up it also
/// schedules again the continuations of runs due within the hour: with in-memory job storage they died with the
/// process, and the periodic sweep would take those runs only <see cref="DeliveryOptions.RecoveryGraceSeconds"/> after
/// their time. One job per 100 runs due together, as the runner schedules them.
/// </summary>
public sealed class AutomationRecoverySource(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IBackgroundJobClient jobs,
    AutomationRunner runner,
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

        if (startup)
        {
            var until = now + DueJobPromoter.Horizon;
            var ahead = await db.AutomationRuns.AsNoTracking()
                .Where(r => r.Status == AutomationRunStatus.Running || r.Status == AutomationRunStatus.Waiting)
                .Where(r => r.NextDueAt != null && r.NextDueAt > now && r.NextDueAt <= until)
                .Where(r => r.LeaseUntil == null || r.LeaseUntil <= now)
                .OrderBy(r => r.NextDueAt)
                .Select(r => new { r.Id, r.NextDueAt })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            runner.ScheduleContinuations(ahead.Select(r => (r.Id, r.NextDueAt!.Value)));
        }

        return due.Count;
    }
}
