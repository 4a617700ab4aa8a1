using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audiences;

/// <summary>
/// The incremental path: after a profile changes (or is deleted), or a user's list subscriptions change, those users
/// are evaluated against the audiences concerned and their membership rows are added or removed, in the served version
/// and, when a calculation has already passed the user, in the version being calculated. No full recalculation.
/// </summary>
public sealed class AudienceProfileUpdater(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, TimeProvider time)
{
    /// <summary>Users per transaction when a list change touches many (a PUT that replaces every subscriber).</summary>
    public const int BatchSize = 500;

    /// <summary>A profile changed: every audience may now see it differently.</summary>
    public Task ApplyAsync(string userId, CancellationToken cancellationToken = default) =>
        ApplyAsync([userId], _ => true, "profile change", cancellationToken);

    /// <summary>
    /// Subscriptions to <paramref name="listIds"/> changed for <paramref name="userIds"/>: only audiences with a
    /// <c>MEMBER_OF</c> one of those lists can change, so only they are evaluated.
    /// </summary>
    public Task ApplyListChangeAsync(IReadOnlyCollection<string> listIds, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        userIds.Count == 0 ? Task.CompletedTask : ApplyAsync(userIds, d => d.ListIds.Overlaps(listIds), "list subscription change", cancellationToken);

    /// <summary>Whether any audience has a <c>MEMBER_OF</c> <paramref name="listId"/> (so a list write knows whether to collect whom it touched).</summary>
    public async Task<bool> WatchesListAsync(string listId, CancellationToken cancellationToken = default) =>
        (await ConcernedAsync(d => d.ListIds.Contains(listId), cancellationToken)).Count > 0;

    private async Task ApplyAsync(IReadOnlyCollection<string> userIds, Func<AudienceDefinition, bool> concerns, string reason, CancellationToken cancellationToken)
    {
        var audiences = await ConcernedAsync(concerns, cancellationToken);
        if (audiences.Count == 0)
        {
            return;
        }

        foreach (var batch in userIds.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            await ApplyBatchAsync(audiences, batch, reason, cancellationToken);
        }
    }

    private async Task<List<(Audience Audience, AudienceDefinition Definition)>> ConcernedAsync(Func<AudienceDefinition, bool> concerns, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audiences = await db.Audiences.AsNoTracking().ToListAsync(cancellationToken);
        return audiences.Select(a => (a, AudienceDefinition.FromStored(a.Operator, a.FilterJson))).Where(x => concerns(x.Item2)).ToList();
    }

    /// <summary>One transaction for a batch of users: three reads whatever the number of audiences, then the changed rows.</summary>
    private async Task ApplyBatchAsync(List<(Audience Audience, AudienceDefinition Definition)> audiences, string[] userIds, string reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => AudienceProfiles.Parse(p.DataJson), cancellationToken);
        var lists = audiences.Any(a => a.Definition.UsesLists) ? await AudienceProfiles.ListsOfAsync(db, userIds, cancellationToken) : [];
        var audienceIds = audiences.Select(a => a.Audience.Id).ToList();
        var present = (await db.AudienceMembers.AsNoTracking().Where(m => audienceIds.Contains(m.AudienceId) && userIds.Contains(m.UserId))
            .Select(m => new { m.AudienceId, m.Version, m.UserId }).ToListAsync(cancellationToken))
            .Select(m => (m.AudienceId, m.Version, m.UserId)).ToHashSet();

        var now = time.GetUtcNow();
        var added = new List<AudienceMember>();
        var removed = new List<(string AudienceId, int Version, string UserId)>();
        var deltas = new Dictionary<string, int>();
        foreach (var (audience, definition) in audiences)
        {
            foreach (var userId in userIds)
            {
                var member = profiles.TryGetValue(userId, out var data) && definition.Matches(data, lists.GetValueOrDefault(userId) ?? []);
                foreach (var version in Versions(audience, userId))
                {
                    var key = (audience.Id, version, userId);
                    if (present.Contains(key) == member)
                    {
                        continue;
                    }

                    if (member)
                    {
                        added.Add(new AudienceMember { AudienceId = audience.Id, Version = version, UserId = userId, AddedAt = now, Reason = reason });
                    }
                    else
                    {
                        removed.Add(key);
                    }

                    if (version == audience.ServedVersion)
                    {
                        deltas[audience.Id] = deltas.GetValueOrDefault(audience.Id) + (member ? 1 : -1);
                    }
                }
            }
        }

        if (added.Count == 0 && removed.Count == 0)
        {
            return;
        }

        await using var tx = await writes.BeginAsync(db, cancellationToken);
        await ModelRowInserter.InsertAsync(db, added, cancellationToken);
        foreach (var group in removed.GroupBy(r => (r.AudienceId, r.Version)))
        {
            var (audienceId, version) = group.Key;
            var users = group.Select(r => r.UserId).ToList();
            await db.AudienceMembers.Where(m => m.AudienceId == audienceId && m.Version == version && users.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var (audienceId, delta) in deltas.Where(d => d.Value != 0))
        {
            await db.Audiences.Where(a => a.Id == audienceId).ExecuteUpdateAsync(s => s.SetProperty(a => a.MemberCount, a => a.MemberCount + delta), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The served version, and the one being calculated when the calculation has already passed this user.</summary>
    private static IEnumerable<int> Versions(Audience audience, string userId)
    {
        if (audience.ServedVersion > 0)
        {
            yield return audience.ServedVersion;
        }

        if (audience.Calculating && audience.Version != audience.ServedVersion && audience.CalcAfterUserId is { } after && string.CompareOrdinal(userId, after) <= 0)
        {
            yield return audience.Version;
        }
    }
}
