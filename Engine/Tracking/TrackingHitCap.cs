using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// Keeps a flood of one token's hits from becoming a flood of rows (<c>Tracking:MaxHitsPerTokenPerMinute</c>): within
/// a UTC minute the first rows are stored as usual, the rest are added to that minute's <see cref="TrackingHitOverflow"/>,
/// which the aggregation counts like stored hits. The first human hit of a token's minute is always stored, so the
/// status change and the unique counts it drives never hide in an aggregate.
/// </summary>
internal static class TrackingHitCap
{
    /// <summary>Runs inside the writer's transaction; answers the hits to store and tracks the overflow rows to save.</summary>
    public static async Task<List<TrackingHit>> ApplyAsync(NotificationsDbContext db, List<TrackingHit> hits, int maxPerMinute)
    {
        if (hits.Count == 0)
        {
            return hits;
        }

        var ids = hits.Select(h => h.MessageId).Distinct().ToList();
        var from = MinuteOf(hits.Min(h => h.At));
        var counts = new Dictionary<(string MessageId, TrackingHitKind Kind, string LinkId, DateTimeOffset Minute), (int Rows, bool Human)>();
        var stored = await db.TrackingHits.AsNoTracking()
            .Where(h => ids.Contains(h.MessageId) && h.At >= from)
            .Select(h => new { h.MessageId, h.Kind, h.LinkId, h.At, h.Machine })
            .ToListAsync();
        foreach (var hit in stored)
        {
            var key = (hit.MessageId, hit.Kind, hit.LinkId ?? "", MinuteOf(hit.At));
            var (rows, human) = counts.GetValueOrDefault(key);
            counts[key] = (rows + 1, human || !hit.Machine);
        }

        var kept = new List<TrackingHit>(hits.Count);
        var overflow = new Dictionary<(string MessageId, TrackingHitKind Kind, string LinkId, DateTimeOffset Minute, bool Machine), long>();
        foreach (var hit in hits)
        {
            var key = (hit.MessageId, hit.Kind, hit.LinkId ?? "", MinuteOf(hit.At));
            var (rows, human) = counts.GetValueOrDefault(key);
            if (rows < maxPerMinute || (!hit.Machine && !human))
            {
                counts[key] = (rows + 1, human || !hit.Machine);
                kept.Add(hit);
                continue;
            }

            var overflowKey = (key.Item1, key.Item2, key.Item3, key.Item4, hit.Machine);
            overflow[overflowKey] = overflow.GetValueOrDefault(overflowKey) + 1;
        }

        if (overflow.Count > 0)
        {
            await AddOverflowAsync(db, ids, from, overflow);
        }

        return kept;
    }

    private static async Task AddOverflowAsync(
        NotificationsDbContext db, List<string> ids, DateTimeOffset from,
        Dictionary<(string MessageId, TrackingHitKind Kind, string LinkId, DateTimeOffset Minute, bool Machine), long> overflow)
    {
        var existing = await db.TrackingHitOverflows
            .Where(o => ids.Contains(o.MessageId) && o.Minute >= from)
            .ToDictionaryAsync(o => (o.MessageId, o.Kind, o.LinkId, o.Minute, o.Machine));
        foreach (var (key, count) in overflow)
        {
            if (existing.TryGetValue(key, out var row))
            {
                row.Count += count;
                continue;
            }

            db.TrackingHitOverflows.Add(new TrackingHitOverflow
            {
                MessageId = key.MessageId,
                Kind = key.Kind,
                LinkId = key.LinkId,
                Minute = key.Minute,
                Machine = key.Machine,
                Count = count,
            });
        }
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
