using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audiences;

/// <summary>The audiences one profile is a member of, in their served (complete) membership: what a send would reach.</summary>
public sealed class ProfileAudienceQuery(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ProfileAudience>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from m in db.AudienceMembers.AsNoTracking()
                      join a in db.Audiences.AsNoTracking() on m.AudienceId equals a.Id
                      where m.UserId == userId && m.Version == a.ServedVersion
                      orderby a.Id
                      select new ProfileAudience(a.Id, a.Name, m.AddedAt, m.Reason)).ToListAsync(cancellationToken);
    }
}
