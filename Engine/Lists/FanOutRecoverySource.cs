using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Lists;

/// <summary>Unfinished expansions nobody holds (a lost job, a crash mid-way): re-enqueued to go on from their stored position.</summary>
public sealed class FanOutRecoverySource(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    SendJobDispatcher dispatcher,
    IOptions<DeliveryOptions> options,
    TimeProvider time) : IRecoverySource
{
    public async Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dueBefore = options.Value.RecoveryDueBefore(now, startup);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.FanOutRequests.AsNoTracking()
            .Where(r => r.Status == FanOutStatus.Expanding && r.UpdatedAt <= dueBefore && (r.LeaseUntil == null || r.LeaseUntil < now))
            .OrderBy(r => r.Id).Select(r => r.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            dispatcher.Expand(id);
        }

        return ids.Count;
    }
}
