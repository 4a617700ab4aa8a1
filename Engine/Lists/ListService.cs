using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Lists;

/// <summary>
/// Courier's lists and their subscriptions. Writes that subscribe someone create the list when it does not exist (as
/// Courier does); DELETE archives a list, restore (or a PUT) brings it back with its subscribers. After each commit that
/// changes subscriptions, the users touched are re-evaluated against the audiences with a MEMBER_OF those lists.
/// </summary>
public sealed class ListService(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, AudienceProfileUpdater audiences, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static int PageSize(int? limit) => Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);

    public async Task<SubscriptionList?> GetAsync(string listId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Lists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId && l.DeletedAt == null, cancellationToken);
    }

    /// <summary>Lists by id, those matching <paramref name="pattern"/> when given; archived lists are left out.</summary>
    public async Task<KeysetPage<SubscriptionList>> ListAsync(string? pattern, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var matcher = string.IsNullOrEmpty(pattern) ? null : ListPattern.Parse(pattern);
        var after = ResourceId.DecodeCursor(cursor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = new List<SubscriptionList>();

        // The literal prefix narrows in the store; the part-by-part rules are applied here, a chunk at a time.
        while (found.Count <= pageSize)
        {
            var query = db.Lists.AsNoTracking().Where(l => l.DeletedAt == null);
            if (matcher is { Prefix.Length: > 0 })
            {
                query = query.Where(l => l.Id.StartsWith(matcher.Prefix));
            }

            if (after is not null)
            {
                query = query.Where(l => string.Compare(l.Id, after) > 0);
            }

            var chunk = await query.OrderBy(l => l.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
            found.AddRange(matcher is null ? chunk : chunk.Where(l => matcher.Matches(l.Id)));
            if (chunk.Count <= pageSize)
            {
                break;
            }

            after = chunk[^1].Id;
        }

        return Page(found, pageSize, l => l.Id);
    }

    /// <summary>Creates the list or renames it (and brings it back when archived).</summary>
    public async Task UpsertAsync(string listId, string name, string? preferencesJson, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var list = await db.Lists.FirstOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (list is null)
        {
            db.Lists.Add(new SubscriptionList { Id = listId, Name = name, PreferencesJson = preferencesJson, CreatedAt = now, UpdatedAt = now });
        }
        else
        {
            list.Name = name;
            list.PreferencesJson = preferencesJson;
            list.DeletedAt = null;
            list.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Archives the list; false when there is no such (live) list.</summary>
    public Task<bool> DeleteAsync(string listId, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(listId, deleted: true, cancellationToken);

    /// <summary>Brings back an archived list; false when there is no such list at all.</summary>
    public Task<bool> RestoreAsync(string listId, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(listId, deleted: false, cancellationToken);

    public async Task<KeysetPage<ListSubscription>?> SubscribersAsync(string listId, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var after = ResourceId.DecodeCursor(cursor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Lists.AnyAsync(l => l.Id == listId && l.DeletedAt == null, cancellationToken))
        {
            return null;
        }

        var query = db.ListSubscriptions.AsNoTracking().Where(s => s.ListId == listId);
        if (after is not null)
        {
            query = query.Where(s => string.Compare(s.UserId, after) > 0);
        }

        var rows = await query.OrderBy(s => s.UserId).Take(pageSize + 1).ToListAsync(cancellationToken);
        return Page(rows, pageSize, s => s.UserId);
    }

    public async Task<int> CountSubscribersAsync(string listId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ListSubscriptions.CountAsync(s => s.ListId == listId, cancellationToken);
    }

    /// <summary>Subscribes the recipients (updating the preferences of those already subscribed); <paramref name="replace"/> first removes everyone else.</summary>
    public async Task AddSubscribersAsync(string listId, IReadOnlyList<ListRecipient> recipients, bool replace, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        await EnsureListAsync(db, listId, now, cancellationToken);
        var touched = new HashSet<string>(recipients.Select(r => r.UserId), StringComparer.Ordinal);
        if (replace)
        {
            // Those removed leave audiences too; reading them costs a pass over the list, so only when an audience watches it.
            if (await audiences.WatchesListAsync(listId, cancellationToken))
            {
                touched.UnionWith(await db.ListSubscriptions.Where(s => s.ListId == listId).Select(s => s.UserId).ToListAsync(cancellationToken));
            }

            await db.ListSubscriptions.Where(s => s.ListId == listId).ExecuteDeleteAsync(cancellationToken);
        }

        // The last mention of a user wins, as if each recipient had been subscribed in turn.
        var distinct = recipients.GroupBy(r => r.UserId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        foreach (var batch in distinct.Chunk(500))
        {
            var ids = batch.Select(r => r.UserId).ToList();
            var existing = await db.ListSubscriptions.Where(s => s.ListId == listId && ids.Contains(s.UserId))
                .ToDictionaryAsync(s => s.UserId, StringComparer.Ordinal, cancellationToken);
            foreach (var recipient in batch)
            {
                if (existing.TryGetValue(recipient.UserId, out var row))
                {
                    row.PreferencesJson = recipient.PreferencesJson;
                }
                else
                {
                    db.ListSubscriptions.Add(new ListSubscription { ListId = listId, UserId = recipient.UserId, PreferencesJson = recipient.PreferencesJson, CreatedAt = now });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await tx.CommitAsync(cancellationToken);
        await audiences.ApplyListChangeAsync([listId], touched, cancellationToken);
    }

    /// <summary>Removes one subscriber; false when the user was not subscribed (or the list does not exist).</summary>
    public async Task<bool> UnsubscribeAsync(string listId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var removed = await db.ListSubscriptions.Where(s => s.ListId == listId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (removed > 0)
        {
            await audiences.ApplyListChangeAsync([listId], [userId], cancellationToken);
        }

        return removed > 0;
    }

    /// <summary>The (live) lists a user is subscribed to, by list id.</summary>
    public async Task<KeysetPage<ProfileListMembership>> ProfileListsAsync(string userId, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var after = ResourceId.DecodeCursor(cursor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = from s in db.ListSubscriptions.AsNoTracking()
                    join l in db.Lists.AsNoTracking() on s.ListId equals l.Id
                    where s.UserId == userId && l.DeletedAt == null
                    select new { List = l, s.PreferencesJson };
        if (after is not null)
        {
            query = query.Where(x => string.Compare(x.List.Id, after) > 0);
        }

        var rows = await query.OrderBy(x => x.List.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        return Page(rows.Select(x => new ProfileListMembership(x.List, x.PreferencesJson)).ToList(), pageSize, m => m.List.Id);
    }

    /// <summary>Subscribes one user to each of the lists (creating lists that do not exist), in one transaction.</summary>
    public async Task SubscribeToListsAsync(string userId, IReadOnlyList<ListChoice> lists, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var item in lists.GroupBy(l => l.ListId, StringComparer.Ordinal).Select(g => g.Last()))
        {
            await EnsureListAsync(db, item.ListId, now, cancellationToken);
            var row = await db.ListSubscriptions.FirstOrDefaultAsync(s => s.ListId == item.ListId && s.UserId == userId, cancellationToken);
            if (row is null)
            {
                db.ListSubscriptions.Add(new ListSubscription { ListId = item.ListId, UserId = userId, PreferencesJson = item.PreferencesJson, CreatedAt = now });
            }
            else
            {
                row.PreferencesJson = item.PreferencesJson;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        await audiences.ApplyListChangeAsync(lists.Select(l => l.ListId).ToHashSet(StringComparer.Ordinal), [userId], cancellationToken);
    }

    /// <summary>Removes the user from every list.</summary>
    public async Task UnsubscribeFromAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var left = await db.ListSubscriptions.Where(s => s.UserId == userId).Select(s => s.ListId).ToListAsync(cancellationToken);
        await db.ListSubscriptions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await audiences.ApplyListChangeAsync(left, [userId], cancellationToken);
    }

    private static async Task EnsureListAsync(NotificationsDbContext db, string listId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = await db.Lists.FirstOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (list is null)
        {
            db.Lists.Add(new SubscriptionList { Id = listId, Name = listId, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (list.DeletedAt is not null)
        {
            list.DeletedAt = null;
            list.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<bool> SetDeletedAsync(string listId, bool deleted, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var query = db.Lists.Where(l => l.Id == listId);
        var changed = deleted
            ? await query.Where(l => l.DeletedAt == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.DeletedAt, now).SetProperty(l => l.UpdatedAt, now), cancellationToken)
            : await query.ExecuteUpdateAsync(s => s.SetProperty(l => l.DeletedAt, (DateTimeOffset?)null).SetProperty(l => l.UpdatedAt, now), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return changed > 0;
    }

    private static KeysetPage<T> Page<T>(List<T> rows, int pageSize, Func<T, string> key) =>
        rows.Count > pageSize
            ? new KeysetPage<T>(rows.Take(pageSize).ToList(), ResourceId.EncodeCursor(key(rows[pageSize - 1])))
            : new KeysetPage<T>(rows, null);
}
