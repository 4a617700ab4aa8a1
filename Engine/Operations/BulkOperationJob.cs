using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Operations;

/// <summary>
/// Works through a bulk operation page by page, recording progress and its position after each page, so a
/// restart resumes where it stopped and the dashboard can show a progress bar.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class BulkOperationJob(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    MessageQueries queries,
    MessageOperations operations,
    RetryForecast forecast,
    TimeProvider time)
{
    private const int PageSize = 200;
    private const int MaxExamples = 50;

    public async Task RunAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var operation = await db.BulkOperations.FirstOrDefaultAsync(o => o.Id == operationId, cancellationToken);
        if (operation is null || operation.State != BulkOperationState.Running)
        {
            return;
        }

        var refusals = BulkRefusals.Parse(operation.RefusalsJson);
        try
        {
            while (true)
            {
                var (page, nextCursor) = await NextPageAsync(operation, cancellationToken);
                var pageIds = page.Select(m => m.Id).ToList();
                // A job may run twice (a restart mid-page): a message already recorded is not recorded again.
                var recorded = (await db.BulkOperationMessages.Where(b => b.OperationId == operation.Id && pageIds.Contains(b.MessageId))
                    .Select(b => b.MessageId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
                foreach (var message in page)
                {
                    var result = await ActAsync(operation, message, cancellationToken);
                    if (result.Outcome == MessageOperationOutcome.Done)
                    {
                        operation.Succeeded++;
                        if (recorded.Add(message.Id))
                        {
                            db.BulkOperationMessages.Add(new BulkOperationMessage { OperationId = operation.Id, MessageId = message.Id });
                        }
                    }
                    else
                    {
                        operation.Refused++;
                        var reason = result.Outcome == MessageOperationOutcome.NotFound
                            ? "The message no longer exists."
                            : result.Explanation ?? "Refused.";
                        refusals.Counts[reason] = refusals.Counts.GetValueOrDefault(reason) + 1;
                        if (refusals.Examples.Count < MaxExamples)
                        {
                            refusals.Examples.Add(new BulkRefusal(message.Id, result.Explanation ?? reason));
                        }
                    }
                }

                operation.Processed += page.Count;
                operation.Cursor = nextCursor;
                operation.RefusalsJson = refusals.ToJson();
                if (nextCursor is null)
                {
                    operation.State = BulkOperationState.Completed;
                    operation.FinishedAt = time.GetUtcNow();
                    operation.Total = Math.Max(operation.Total, operation.Processed);
                }

                await db.SaveChangesAsync(cancellationToken);
                if (nextCursor is null)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            operation.Error = ex.Message;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<MessageOperationResult> ActAsync(BulkOperation operation, Message message, CancellationToken cancellationToken)
    {
        if (operation.Kind == BulkOperationKind.Cancel)
        {
            return await operations.CancelAsync(message.Id, MessageEventSources.Operator, cancellationToken);
        }

        // The dry run said these would fail the same way; unless the operator asked for them, they are left out.
        if (!operation.IncludeUnfixable && forecast.WillFailAgain(message.Reason, message.Channel) is { } again)
        {
            return new MessageOperationResult(MessageOperationOutcome.Refused, message, $"Left out: it would fail again ({again.ToWire()}).");
        }

        return await operations.RetryAsync(message.Id, MessageEventSources.Operator, cancellationToken);
    }

    private async Task<(IReadOnlyList<Message> Page, string? Next)> NextPageAsync(BulkOperation operation, CancellationToken cancellationToken)
    {
        if (operation.MessageIdsJson is not null)
        {
            var ids = JsonSerializer.Deserialize<List<string>>(operation.MessageIdsJson, BulkOperations.Json) ?? [];
            var start = int.TryParse(operation.Cursor, out var index) ? index : 0;
            var chunk = ids.Skip(start).Take(PageSize).ToList();
            var found = await queries.FindManyAsync(chunk, cancellationToken);
            var end = start + chunk.Count;
            return (found, end < ids.Count ? end.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        }

        var filter = JsonSerializer.Deserialize<MessageFilter>(operation.FilterJson!, BulkOperations.Json) ?? new MessageFilter();
        MessageCursor.TryDecode(operation.Cursor, out var cursor);
        var page = await queries.ListAsync(filter, cursor, PageSize, cancellationToken);
        return (page.Items, page.Next?.Encode());
    }
}
