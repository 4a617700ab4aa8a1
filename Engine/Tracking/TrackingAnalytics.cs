using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tracking;

/// <summary>Read side of tracking: the aggregated funnel, series and link breakdown, and one message's hits.</summary>
public sealed class TrackingAnalytics(IDbContextFactory<NotificationsDbContext> dbFactory, IOptions<TrackingOptions> options)
{
    /// <summary>How many hits the message detail lists (the newest); the rest are counted, not shown.</summary>
    public const int MaxHitsShown = 200;

    /// <summary>The templates that have counts, labelled with their name and alias when they still exist.</summary>
    public async Task<IReadOnlyList<AnalyticsTemplate>> TemplatesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.TemplateDailyStats.AsNoTracking().Select(s => s.Template).Distinct().ToListAsync(cancellationToken);
        var names = await db.Templates.AsNoTracking().Where(t => keys.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => $"{t.Name} ({t.Alias})", cancellationToken);
        return keys
            .Select(k => new AnalyticsTemplate(k, k.Length == 0 ? "(inline content)" : names.GetValueOrDefault(k, k)))
            .OrderBy(t => t.Key.Length == 0).ThenBy(t => t.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<AnalyticsReport> ReportAsync(AnalyticsQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stats = db.TemplateDailyStats.AsNoTracking().Where(s => s.Day >= query.From && s.Day <= query.To);
        if (query.Template is not null)
        {
            stats = stats.Where(s => s.Template == query.Template);
        }

        if (!string.IsNullOrEmpty(query.Channel))
        {
            stats = stats.Where(s => s.Channel == query.Channel);
        }

        var days = (await stats
                .GroupBy(s => s.Day)
                .Select(g => new
                {
                    Day = g.Key,
                    Sent = g.Sum(s => s.Sent),
                    Delivered = g.Sum(s => s.Delivered),
                    UniqueOpens = g.Sum(s => s.UniqueOpens),
                    TotalOpens = g.Sum(s => s.TotalOpens),
                    UniqueClicks = g.Sum(s => s.UniqueClicks),
                    TotalClicks = g.Sum(s => s.TotalClicks),
                    MachineOpens = g.Sum(s => s.MachineOpens),
                    MachineClicks = g.Sum(s => s.MachineClicks),
                })
                .ToListAsync(cancellationToken))
            .OrderBy(d => d.Day)
            .Select(d => new AnalyticsTotals(d.Day, d.Sent, d.Delivered, d.UniqueOpens, d.TotalOpens, d.UniqueClicks, d.TotalClicks, d.MachineOpens, d.MachineClicks))
            .ToList();
        var totals = new AnalyticsTotals(null,
            days.Sum(d => d.Sent), days.Sum(d => d.Delivered), days.Sum(d => d.UniqueOpens), days.Sum(d => d.TotalOpens),
            days.Sum(d => d.UniqueClicks), days.Sum(d => d.TotalClicks), days.Sum(d => d.MachineOpens), days.Sum(d => d.MachineClicks));

        // An open rate over SMS or chat deliveries counts messages nobody could have been seen opening: the rate's
        // base is the deliveries of the channels that can be opened (an open pixel now, or opens counted in the period).
        var perChannel = await stats
            .GroupBy(s => s.Channel)
            .Select(g => new { Channel = g.Key, Delivered = g.Sum(s => s.Delivered), UniqueOpens = g.Sum(s => s.UniqueOpens) })
            .ToListAsync(cancellationToken);
        var openable = perChannel.Where(c => options.Value.CanBeOpened(c.Channel) || c.UniqueOpens > 0).ToList();
        var inScope = string.IsNullOrEmpty(query.Channel) ? Channels.All : [query.Channel];
        var openableChannels = openable.Select(c => c.Channel).Union(inScope.Where(options.Value.CanBeOpened))
            .Order(StringComparer.Ordinal).ToList();

        // Links are counted per template, not per channel: a link position is the template's.
        var linkRows = db.LinkDailyStats.AsNoTracking().Where(s => s.Day >= query.From && s.Day <= query.To);
        if (query.Template is not null)
        {
            linkRows = linkRows.Where(s => s.Template == query.Template);
        }

        var links = (await linkRows.ToListAsync(cancellationToken))
            .GroupBy(s => (s.Template, s.LinkId))
            .Select(g =>
            {
                var latest = g.MaxBy(s => s.Day)!;
                return new AnalyticsLink(g.Key.Template, g.Key.LinkId, latest.Url, latest.Text,
                    g.Sum(s => s.UniqueClicks), g.Sum(s => s.TotalClicks), g.Sum(s => s.MachineClicks));
            })
            .OrderByDescending(l => l.TotalClicks).ThenBy(l => l.Template).ThenBy(l => l.LinkId)
            .ToList();
        var countedUntil = await db.TrackingWatermarks.AsNoTracking().MaxAsync(w => (DateTimeOffset?)w.UpdatedAt, cancellationToken);
        return new AnalyticsReport(totals, days, links, countedUntil, openable.Sum(c => c.Delivered), openableChannels);
    }

    /// <summary>
    /// A message's machine hits of the given kinds (the newest <see cref="MaxHitsShown"/>), oldest first: its history
    /// lists them beside its events, flagged, as they change neither status nor counts and so have no event of their own.
    /// </summary>
    public async Task<IReadOnlyList<TrackingHit>> MachineHitsAsync(string messageId, IReadOnlyCollection<TrackingHitKind> kinds, CancellationToken cancellationToken = default)
    {
        if (kinds.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hits = await db.TrackingHits.AsNoTracking()
            .Where(h => h.MessageId == messageId && h.Machine && kinds.Contains(h.Kind))
            .OrderByDescending(h => h.Id).Take(MaxHitsShown).ToListAsync(cancellationToken);
        hits.Reverse();
        return hits;
    }

    public async Task<MessageTrackingActivity> ActivityAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hits = await db.TrackingHits.AsNoTracking().Where(h => h.MessageId == messageId)
            .OrderByDescending(h => h.Id).Take(MaxHitsShown).ToListAsync(cancellationToken);
        var links = await db.TrackedLinks.AsNoTracking().Where(l => l.MessageId == messageId).ToDictionaryAsync(l => l.LinkId, cancellationToken);
        var unstored = await db.TrackingHitOverflows.AsNoTracking().Where(o => o.MessageId == messageId).SumAsync(o => o.Count, cancellationToken);
        return new MessageTrackingActivity(hits, links, unstored);
    }
}
