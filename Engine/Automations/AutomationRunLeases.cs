using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// A job's hold on a run, like a send job's on a message: taken only when the run's current step is due and nobody
/// holds it, so two jobs for one run (a scheduled one and the sweep's) never work on it at once.
/// </summary>
public sealed class AutomationRunLeases(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, RunChangeSinks sinks, IOptions<AutomationOptions> options, TimeProvider time)
{
    /// <summary>
    /// Takes the run for <paramref name="owner"/>. A run that <paramref name="jobId"/> itself failed is reopened
    /// first (Hangfire's Requeue of the failed job), so requeuing retries the failed step.
    /// </summary>
    public async Task<bool> TakeAsync(string runId, string owner, string? jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var taken = await TakeAsync(db, runId, owner, jobId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return taken;
    }

    /// <summary>
    /// A job comes this much before its run's time at most (Hangfire keeps a schedule in whole seconds); one further
    /// ahead is a stale job of a run another job took along, whose continuation is already scheduled.
    /// </summary>
    public static readonly TimeSpan EarlyBy = TimeSpan.FromSeconds(2);

    /// <summary>Runs whose current step is due at <paramref name="now"/> and that no job holds.</summary>
    public static Expression<Func<AutomationRun, bool>> DueAndUnheld(DateTimeOffset now) =>
        r => (r.Status == AutomationRunStatus.Running || r.Status == AutomationRunStatus.Waiting)
            && r.NextDueAt != null && r.NextDueAt <= now
            && (r.LeaseUntil == null || r.LeaseUntil <= now);

    /// <summary>
    /// A look without the write lock at whether a job for <paramref name="runId"/> has anything to do: the run is due
    /// and unheld, or failed by this very job (a Requeue). A job that came just before its run's time learns when to
    /// come back.
    /// </summary>
    public async Task<(bool MayTake, DateTimeOffset? ComeBackAt)> LookAsync(NotificationsDbContext db, string runId, string? jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = await db.AutomationRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Status, r.NextDueAt, r.LeaseUntil, r.FailedJobId })
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return (false, null);
        }

        if (jobId is not null && run.Status == AutomationRunStatus.Failed && run.FailedJobId == jobId)
        {
            return (true, null);
        }

        if (run.Status is not (AutomationRunStatus.Running or AutomationRunStatus.Waiting) || run.NextDueAt is not { } due || run.LeaseUntil > now)
        {
            return (false, null);
        }

        return due <= now ? (true, null) : (false, due - now <= EarlyBy ? due : null);
    }

    /// <summary>Whether any run is due and unheld now (a read, without the write lock).</summary>
    public Task<bool> AnyDueAsync(NotificationsDbContext db, CancellationToken cancellationToken) =>
        db.AutomationRuns.AsNoTracking().AnyAsync(DueAndUnheld(time.GetUtcNow()), cancellationToken);

    /// <summary>
    /// In the caller's write transaction: takes up to <paramref name="limit"/> other runs that are due and unheld, the
    /// longest due first, for <paramref name="owner"/>; answers those it took.
    /// </summary>
    public async Task<List<string>> TakeDueAsync(NotificationsDbContext db, string owner, string exceptRunId, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        var ids = await db.AutomationRuns.Where(DueAndUnheld(now)).Where(r => r.Id != exceptRunId)
            .OrderBy(r => r.NextDueAt).Select(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return ids;
        }

        await db.AutomationRuns.Where(r => EF.Parameter(ids).Contains(r.Id)).Where(DueAndUnheld(now))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntil, until).SetProperty(r => r.LeaseOwner, owner), cancellationToken);
        return await db.AutomationRuns.Where(r => EF.Parameter(ids).Contains(r.Id) && r.LeaseOwner == owner)
            .Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>As <see cref="TakeAsync(string, string, string?, CancellationToken)"/>, in the caller's write transaction.</summary>
    public async Task<bool> TakeAsync(NotificationsDbContext db, string runId, string owner, string? jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        if (jobId is not null
            && await db.AutomationRuns.AnyAsync(r => r.Id == runId && r.Status == AutomationRunStatus.Failed && r.FailedJobId == jobId, cancellationToken))
        {
            await ReopenAsync(db, runId, now, cancellationToken);
            await sinks.WriteAsync(db, [runId], cancellationToken);
        }

        var taken = await db.AutomationRuns
            .Where(r => r.Id == runId)
            .Where(DueAndUnheld(now))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntil, until).SetProperty(r => r.LeaseOwner, owner), cancellationToken);
        return taken == 1;
    }

    /// <summary>
    /// In the caller's transaction: a FAILED run goes back to RUNNING at its failed step, due now, with a fresh
    /// retry budget for that step. Answers false when the run is not FAILED.
    /// </summary>
    public static async Task<bool> ReopenAsync(NotificationsDbContext db, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reopened = await db.AutomationRuns
            .Where(r => r.Id == runId && r.Status == AutomationRunStatus.Failed)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, AutomationRunStatus.Running)
                .SetProperty(r => r.NextDueAt, now)
                .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.FailedJobId, (string?)null)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (reopened == 0)
        {
            return false;
        }

        await db.AutomationRunSteps
            .Where(s => s.RunId == runId && s.Status == AutomationStepStatus.Failed)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Status, AutomationStepStatus.Pending)
                .SetProperty(s => s.BudgetFrom, s => s.Attempts)
                .SetProperty(s => s.DueAt, now)
                .SetProperty(s => s.FinishedAt, (DateTimeOffset?)null), cancellationToken);
        return true;
    }
}
