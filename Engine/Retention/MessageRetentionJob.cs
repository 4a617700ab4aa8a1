using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Retention;

/// <summary>
/// Deletes messages older than <see cref="RetentionOptions.MessageDays"/> with everything that hangs off them, in
/// small batches: each batch is one short write transaction, so sends and tracking hits queue behind it for
/// milliseconds, never for the whole clean-up. The daily rollups (template and link stats) are left alone.
/// </summary>
public sealed class MessageRetentionJob(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writeTransactions,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<MessageRetentionJob> logger)
{
    public const string JobId = "message-retention";

    /// <summary>Messages per transaction.</summary>
    public const int BatchSize = 1000;

    /// <summary>Runs until no expired message is left; returns how many were deleted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.MessageDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(days);
        var total = 0;
        while (true)
        {
            var deleted = await DeleteBatchAsync(cutoff, cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Retention deleted {Count} messages enqueued before {Cutoff:u}", total, cutoff);
        }

        return total;
    }

    private async Task<int> DeleteBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writeTransactions.BeginAsync(db, cancellationToken);
        // A message still waiting for its first send or a retry is pending work, whatever its age: never deleted.
        var ids = await db.Messages
            .Where(m => m.EnqueuedAt < cutoff && m.Status != MessageStatus.Enqueued && m.Status != MessageStatus.Delayed)
            .OrderBy(m => m.EnqueuedAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        // The foreign keys cascade too; deleting the children by name keeps the batch explicit and provider-neutral.
        await db.TrackingHits.Where(x => ids.Contains(x.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.TrackingHitOverflows.Where(x => ids.Contains(x.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.TrackedLinks.Where(x => ids.Contains(x.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.SimulatedReceipts.Where(x => ids.Contains(x.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.MessageTags.Where(x => ids.Contains(x.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.DeliveryAttempts.Where(x => ids.Contains(x.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.MessageEvents.Where(x => ids.Contains(x.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.Messages.Where(x => ids.Contains(x.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
