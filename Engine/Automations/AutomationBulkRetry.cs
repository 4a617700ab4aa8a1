using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Retries every FAILED run in a filter as a Hangfire job whose progress is a <see cref="BulkOperation"/> row (the
/// same record the event log's bulk retry keeps), so the Runs page can show a count first and a progress bar.
/// </summary>
public sealed class AutomationBulkRetry(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    AutomationRunQueries queries,
    IBackgroundJobClient jobs,
    TimeProvider time)
{
    /// <summary>How many runs a retry of <paramref name="filter"/> would take up now (its FAILED runs).</summary>
    public Task<int> CountAsync(AutomationRunFilter filter, CancellationToken cancellationToken = default) =>
        queries.CountAsync(filter with { Status = AutomationRunStatus.Failed }, cancellationToken);

    /// <summary>Stores the operation with its count, then enqueues the job; answers the operation.</summary>
    public async Task<BulkOperation> StartAsync(AutomationRunFilter filter, string? createdBy, CancellationToken cancellationToken = default)
    {
        var failed = filter with { Status = AutomationRunStatus.Failed };
        var operation = new BulkOperation
        {
            Id = AutomationIds.NewRun(),
            Kind = BulkOperationKind.RetryAutomationRuns,
            FilterJson = JsonSerializer.Serialize(failed),
            State = BulkOperationState.Running,
            Total = await queries.CountAsync(failed, cancellationToken),
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            db.BulkOperations.Add(operation);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var id = operation.Id;
        jobs.Enqueue<AutomationBulkRetryJob>(JobQueues.Automations, job => job.RunAsync(id, CancellationToken.None));
        return operation;
    }

    public async Task<BulkOperation?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BulkOperations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Kind == BulkOperationKind.RetryAutomationRuns, cancellationToken);
    }
}
