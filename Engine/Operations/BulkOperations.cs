using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Operations;

/// <summary>Retry or cancel every message of a filter, or a selection: a dry run first, then a Hangfire job with progress.</summary>
public sealed class BulkOperations(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    MessageQueries queries,
    IBackgroundJobClient jobs,
    TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BulkPreview> PreviewAsync(BulkOperationKind kind, MessageFilter? filter, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<MessageStatus, int> byStatus;
        if (ids is not null)
        {
            var messages = await queries.FindManyAsync(ids, cancellationToken);
            byStatus = messages.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
            return new BulkPreview(kind, messages.Count, messages.Count(m => IsEligible(kind, m)), byStatus);
        }

        byStatus = await queries.CountByStatusAsync(filter!, cancellationToken, respectStatuses: true);
        var eligible = kind == BulkOperationKind.Cancel
            ? byStatus.Where(p => MessageStatusMachine.IsCancelable(p.Key)).Sum(p => p.Value)
            : byStatus.Where(p => MessageStatusMachine.IsRetryableFailure(p.Key)).Sum(p => p.Value);
        return new BulkPreview(kind, byStatus.Values.Sum(), eligible, byStatus);
    }

    public async Task<string> StartAsync(BulkOperationKind kind, MessageFilter? filter, IReadOnlyCollection<string>? ids, string? createdBy, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(kind, filter, ids, cancellationToken);
        var operation = new BulkOperation
        {
            Id = MessageIds.New(),
            Kind = kind,
            FilterJson = ids is null ? JsonSerializer.Serialize(filter, Json) : null,
            MessageIdsJson = ids is null ? null : JsonSerializer.Serialize(ids, Json),
            State = BulkOperationState.Running,
            Total = preview.Total,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.BulkOperations.Add(operation);
            await db.SaveChangesAsync(cancellationToken);
        }

        jobs.Enqueue<BulkOperationJob>(JobQueues.Default, job => job.RunAsync(operation.Id, CancellationToken.None));
        return operation.Id;
    }

    public async Task<BulkOperation?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BulkOperations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    /// <summary>Operations still running or finished in the last <paramref name="within"/>, newest first.</summary>
    public async Task<IReadOnlyList<BulkOperation>> RecentAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow() - within;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BulkOperations.AsNoTracking()
            .Where(o => o.State == BulkOperationState.Running || o.CreatedAt >= since)
            .Where(o => o.Kind == BulkOperationKind.Retry || o.Kind == BulkOperationKind.Cancel) // messages only: run retries show on the Runs page
            .OrderByDescending(o => o.CreatedAt)
            .Take(5)
            .ToListAsync(cancellationToken);
    }

    internal static bool IsEligible(BulkOperationKind kind, Message message) => kind == BulkOperationKind.Cancel
        ? MessageStatusMachine.IsCancelable(message.Status)
        : MessageStatusMachine.CanRetry(message);
}
