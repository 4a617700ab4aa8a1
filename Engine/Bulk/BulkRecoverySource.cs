using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Bulk;

/// <summary>Bulk runs nobody holds (a lost job, a crash mid-way): re-enqueued to go on with their pending users.</summary>
public sealed class BulkRecoverySource(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IBackgroundJobClient jobs,
    IOptions<DeliveryOptions> options,
    TimeProvider time) : IRecoverySource
{
    public async Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dueBefore = options.Value.RecoveryDueBefore(now, startup);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.BulkJobs.AsNoTracking()
            .Where(j => j.Status == BulkJobStatus.Processing && j.UpdatedAt <= dueBefore && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.Id).Select(j => j.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            BulkService.Enqueue(jobs, id);
        }

        return ids.Count;
    }
}
