using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audiences;

/// <summary>
/// The incremental path: after a profile changes (or is deleted), that one profile is evaluated against every
/// audience and its membership rows are added or removed, in the served version and, when a calculation has already
/// passed this profile, in the version being calculated. No full recalculation.
/// </summary>
public sealed class AudienceProfileUpdater(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, TimeProvider time)
{
    public async Task ApplyAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audiences = await db.Audiences.AsNoTracking().ToListAsync(cancellationToken);
        if (audiences.Count == 0)
        {
            return;
        }

        var profile = await db.Profiles.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.DataJson).FirstOrDefaultAsync(cancellationToken);
        var data = profile is null ? null : AudienceProfiles.Parse(profile);
        var lists = (await AudienceProfiles.ListsOfAsync(db, [userId], cancellationToken)).GetValueOrDefault(userId) ?? [];
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var audience in audiences)
        {
            var member = data is not null && AudienceDefinition.FromStored(audience.Operator, audience.FilterJson).Matches(data, lists);
            var versions = new List<int>();
            if (audience.ServedVersion > 0)
            {
                versions.Add(audience.ServedVersion);
            }

            if (audience.Calculating && audience.Version != audience.ServedVersion && audience.CalcAfterUserId is { } after && string.CompareOrdinal(userId, after) <= 0)
            {
                versions.Add(audience.Version);
            }

            foreach (var version in versions)
            {
                var present = await db.AudienceMembers.AnyAsync(m => m.AudienceId == audience.Id && m.Version == version && m.UserId == userId, cancellationToken);
                if (present == member)
                {
                    continue;
                }

                if (member)
                {
                    db.AudienceMembers.Add(new AudienceMember { AudienceId = audience.Id, Version = version, UserId = userId, AddedAt = now, Reason = "profile change" });
                    await db.SaveChangesAsync(cancellationToken);
                }
                else
                {
                    await db.AudienceMembers.Where(m => m.AudienceId == audience.Id && m.Version == version && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
                }

                if (version == audience.ServedVersion)
                {
                    var delta = member ? 1 : -1;
                    await db.Audiences.Where(a => a.Id == audience.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.MemberCount, a => a.MemberCount + delta), cancellationToken);
                }
            }
        }

        await tx.CommitAsync(cancellationToken);
    }
}
