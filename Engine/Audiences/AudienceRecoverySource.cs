using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audiences;

/// <summary>Calculations nobody holds (a lost job, a crash): re-enqueued to go on from their stored position.</summary>
public sealed class AudienceRecoverySource(IDbContextFactory<NotificationsDbContext> dbFactory, AudienceService audiences, TimeProvider time) : IRecoverySource
{
    public async Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Audiences.AsNoTracking().Where(a => a.Calculating && (a.LeaseUntil == null || a.LeaseUntil < now))
            .OrderBy(a => a.Id).Select(a => a.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            audiences.Calculate(id);
        }

        return ids.Count;
    }
}
