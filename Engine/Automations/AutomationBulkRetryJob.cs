using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Works through a bulk run retry page by page, writing progress and its position after each page, so a restart
/// resumes where it stopped. Retrying a run that is no longer FAILED is refused and counted, never repeated.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class AutomationBulkRetryJob(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    AutomationRunQueries queries,
    AutomationRunOperations operations,
    TimeProvider time)
{
    private const int PageSize = 200;

    public async Task RunAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var operation = await db.BulkOperations.FirstOrDefaultAsync(o => o.Id == operationId && o.Kind == BulkOperationKind.RetryAutomationRuns, cancellationToken);
        if (operation is null || operation.State != BulkOperationState.Running)
        {
            return;
        }

        var filter = JsonSerializer.Deserialize<AutomationRunFilter>(operation.FilterJson!)!;
        while (true)
        {
            // The filter keeps FAILED runs and a retried run leaves it, so the next page is read with the keyset
            // position only to skip runs that were refused.
            var (page, next) = await queries.ListAsync(filter, operation.Cursor, PageSize, cancellationToken);
            foreach (var run in page)
            {
                var outcome = await operations.RetryAsync(run.Id, cancellationToken);
                if (outcome == MessageOperationOutcome.Done)
                {
                    operation.Succeeded++;
                }
                else
                {
                    operation.Refused++;
                }
            }

            operation.Processed += page.Count;
            operation.Cursor = page.Count == 0 ? operation.Cursor : AutomationCursor.Format(page[^1].CreatedAt, page[^1].Id);
            if (next is null)
            {
                operation.State = BulkOperationState.Completed;
                operation.FinishedAt = time.GetUtcNow();
                operation.Total = Math.Max(operation.Total, operation.Processed);
            }

            await using (var transaction = await writes.BeginAsync(db, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (next is null)
            {
                return;
            }
        }
    }
}
