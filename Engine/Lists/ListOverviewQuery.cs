using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Lists;

/// <summary>The dashboard's reads of lists: lists with their subscriber counts, and a list's subscribers searchable and paged.</summary>
public sealed class ListOverviewQuery(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public const int MaxLists = 500;

    /// <summary>Live lists by id (at most <see cref="MaxLists"/>; <paramref name="search"/> narrows by id or name).</summary>
    public async Task<IReadOnlyList<ListOverview>> ListAsync(string? search, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lists = db.Lists.AsNoTracking().Where(l => l.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            lists = lists.Where(l => l.Id.Contains(term) || l.Name.Contains(term));
        }

        var rows = await lists.OrderBy(l => l.Id).Take(MaxLists)
            .Select(l => new { l.Id, l.Name, l.UpdatedAt, Subscribers = db.ListSubscriptions.Count(s => s.ListId == l.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ListOverview(r.Id, r.Name, r.Subscribers, r.UpdatedAt)).ToList();
    }

    /// <summary>A list's subscribers by user id, searchable by user id or the profile's email.</summary>
    public async Task<OffsetPage<ListSubscriberRow>> SubscribersAsync(string listId, string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = from s in db.ListSubscriptions.AsNoTracking()
                    where s.ListId == listId
                    join p in db.Profiles.AsNoTracking() on s.UserId equals p.UserId into profiles
                    from p in profiles.DefaultIfEmpty()
                    select new { s.UserId, Email = p == null ? null : p.Email, s.CreatedAt };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(r => r.UserId.Contains(term) || (r.Email != null && r.Email.Contains(term)));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.UserId).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new OffsetPage<ListSubscriberRow>(rows.Select(r => new ListSubscriberRow(r.UserId, r.Email, r.CreatedAt)).ToList(), total);
    }
}
