using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// Deletes deliveries (with their attempts) <see cref="WebhookOptions.RetentionDays"/> after their last attempt once
/// they are delivered or finally failed; pending ones are work and stay. Small batches, one short transaction each.
/// </summary>
public sealed class WebhookRetentionJob(
    IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string JobId = "webhook-retention";

    private const int BatchSize = 1000;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            var ids = await db.WebhookDeliveries
                .Where(d => d.State != WebhookDeliveryState.Pending && d.LastAttemptAt < cutoff)
                .OrderBy(d => d.Id)
                .Select(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            await db.WebhookAttempts.Where(a => ids.Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
            await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            total += ids.Count;
            if (ids.Count < BatchSize)
            {
                return total;
            }
        }
    }
}
