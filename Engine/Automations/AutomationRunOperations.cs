using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>Cancel and retry of runs, for the API, the dashboard, cancel steps and the bulk retry job.</summary>
public sealed class AutomationRunOperations(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    IBackgroundJobClient jobs,
    RunChangeSinks sinks,
    TimeProvider time)
{
    private static readonly AutomationStepStatus[] Unfinished = [AutomationStepStatus.Pending, AutomationStepStatus.Waiting, AutomationStepStatus.Running];

    /// <summary>Stops a RUNNING or WAITING run; a finished one is refused (409).</summary>
    public async Task<MessageOperationOutcome> CancelAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var canceled = await CancelWhereAsync(db, db.AutomationRuns.Where(r => r.Id == runId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (canceled > 0)
        {
            return MessageOperationOutcome.Done;
        }

        return await db.AutomationRuns.AnyAsync(r => r.Id == runId, cancellationToken) ? MessageOperationOutcome.Refused : MessageOperationOutcome.NotFound;
    }

    /// <summary>A cancel step: stops every unfinished run with <paramref name="token"/> but the one asking; finished ones are left as they are.</summary>
    public async Task<int> CancelByTokenAsync(string token, string? exceptRunId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var canceled = await CancelWhereAsync(db, db.AutomationRuns.Where(r => r.CancelationToken == token && r.Id != exceptRunId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return canceled;
    }

    /// <summary>Re-runs a FAILED run from its failed step (a fresh retry budget), then continues; any other status is refused.</summary>
    public async Task<MessageOperationOutcome> RetryAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        bool reopened;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            reopened = await AutomationRunLeases.ReopenAsync(db, runId, time.GetUtcNow(), cancellationToken);
            if (reopened)
            {
                await sinks.WriteAsync(db, [runId], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (reopened)
        {
            jobs.Enqueue<AutomationJob>(JobQueues.Automations, job => job.RunAsync(runId, null, CancellationToken.None));
            return MessageOperationOutcome.Done;
        }

        return await db.AutomationRuns.AnyAsync(r => r.Id == runId, cancellationToken) ? MessageOperationOutcome.Refused : MessageOperationOutcome.NotFound;
    }

    private async Task<int> CancelWhereAsync(NotificationsDbContext db, IQueryable<AutomationRun> runs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = await runs
            .Where(r => r.Status == AutomationRunStatus.Running || r.Status == AutomationRunStatus.Waiting)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        await db.AutomationRunSteps
            .Where(s => ids.Contains(s.RunId) && Unfinished.Contains(s.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, AutomationStepStatus.Canceled).SetProperty(s => s.FinishedAt, now), cancellationToken);
        var canceled = await db.AutomationRuns
            .Where(r => ids.Contains(r.Id) && (r.Status == AutomationRunStatus.Running || r.Status == AutomationRunStatus.Waiting))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, AutomationRunStatus.Canceled)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.NextDueAt, (DateTimeOffset?)null), cancellationToken);
        // In the write transaction, so the ids read above are the runs just canceled.
        await sinks.WriteAsync(db, ids, cancellationToken);
        return canceled;
    }
}
