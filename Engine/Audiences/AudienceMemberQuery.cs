using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audiences;

/// <summary>
/// The dashboard's members grid: the served (complete) membership of an audience, searchable by user id or email,
/// a page at a time. The API's <c>/members</c> stays keyset-paged in <see cref="AudienceService"/>.
/// </summary>
public sealed class AudienceMemberQuery(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public async Task<OffsetPage<AudienceMemberRow>> SearchAsync(string audienceId, string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var served = await db.Audiences.AsNoTracking().Where(a => a.Id == audienceId).Select(a => (int?)a.ServedVersion).FirstOrDefaultAsync(cancellationToken);
        if (served is null)
        {
            return new OffsetPage<AudienceMemberRow>([], 0);
        }

        var query = from m in db.AudienceMembers.AsNoTracking()
                    where m.AudienceId == audienceId && m.Version == served
                    join p in db.Profiles.AsNoTracking() on m.UserId equals p.UserId into profiles
                    from p in profiles.DefaultIfEmpty()
                    select new { m.UserId, Email = p == null ? null : p.Email, m.AddedAt, m.Reason };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(r => r.UserId.Contains(term) || (r.Email != null && r.Email.Contains(term)));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.UserId).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new OffsetPage<AudienceMemberRow>(rows.Select(r => new AudienceMemberRow(r.UserId, r.Email, r.AddedAt, r.Reason)).ToList(), total);
    }
}
