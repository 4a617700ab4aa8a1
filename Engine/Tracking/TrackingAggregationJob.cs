using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// Rolls history events (sent, delivered, first open, first click) and tracking hits up into per template, channel
/// and day counts and per link counts (a recurring job on the <c>tracking</c> queue). Incremental: it reads only
/// rows above its watermarks. Restart-safe and idempotent: the counts and the watermarks move in one transaction,
/// and a watermark that moved under it (a concurrent run) rolls the whole step back.
/// </summary>
public sealed class TrackingAggregationJob(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, TimeProvider time)
{
    public const string JobId = "tracking-aggregation";

    /// <summary>Rows read per source per transaction: bounded work per step, however far behind it is.</summary>
    public const int BatchSize = 5000;

    private static readonly MessageStatus[] Counted = [MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Opened, MessageStatus.Clicked];

    /// <summary>Steps until caught up.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await StepAsync(cancellationToken) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>One transaction's worth; answers how many source rows it counted (0 when caught up).</summary>
    public async Task<int> StepAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var eventMark = await WatermarkAsync(db, TrackingWatermark.MessageEvents, cancellationToken);
        var hitMark = await WatermarkAsync(db, TrackingWatermark.TrackingHits, cancellationToken);

        var events = await db.MessageEvents.AsNoTracking()
            .Where(e => e.Id > eventMark.LastId && e.Status != null && Counted.Contains(e.Status.Value))
            .OrderBy(e => e.Id).Take(BatchSize)
            .Select(e => new { e.Id, e.MessageId, e.At, Status = e.Status!.Value })
            .ToListAsync(cancellationToken);
        var hits = await db.TrackingHits.AsNoTracking()
            .Where(h => h.Id > hitMark.LastId)
            .OrderBy(h => h.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        // Overflow rows grow in place (Tracking:MaxHitsPerTokenPerMinute), so they carry their own mark: what is
        // above Aggregated is new.
        var overflows = await db.TrackingHitOverflows
            .Where(o => o.Count > o.Aggregated)
            .OrderBy(o => o.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (events.Count == 0 && hits.Count == 0 && overflows.Count == 0)
        {
            return 0;
        }

        var messageIds = events.Select(e => e.MessageId).Concat(hits.Select(h => h.MessageId)).Concat(overflows.Select(o => o.MessageId))
            .Distinct().ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => messageIds.Contains(m.Id))
            .Select(m => new { m.Id, m.TemplateId, m.Template, m.Channel })
            // Keyed by the template's id when the send resolved one, so sends by alias and by id count together.
            .ToDictionaryAsync(m => m.Id, m => (Template: m.TemplateId ?? m.Template ?? "", Channel: m.Channel ?? ""), cancellationToken);
        var daily = new Dictionary<(string Template, string Channel, DateOnly Day), TemplateDailyStats>();
        TemplateDailyStats? Daily(string messageId, DateTimeOffset at)
        {
            if (!messages.TryGetValue(messageId, out var m))
            {
                return null;
            }

            var key = (m.Template, m.Channel, DateOnly.FromDateTime(at.UtcDateTime));
            if (!daily.TryGetValue(key, out var row))
            {
                daily[key] = row = new TemplateDailyStats { Template = key.Template, Channel = key.Channel, Day = key.Item3 };
            }

            return row;
        }

        foreach (var e in events)
        {
            if (Daily(e.MessageId, e.At) is not { } row)
            {
                continue;
            }

            switch (e.Status)
            {
                case MessageStatus.Sent: row.Sent++; break;
                case MessageStatus.Delivered: row.Delivered++; break;
                case MessageStatus.Opened: row.UniqueOpens++; break;
                case MessageStatus.Clicked: row.UniqueClicks++; break;
            }
        }

        var links = await CountLinksAsync(db, hits, overflows, messages.ToDictionary(m => m.Key, m => m.Value.Template), hitMark.LastId, cancellationToken);
        var counted = hits.Select(h => (h.MessageId, h.At, h.Kind, h.Machine, Count: 1L))
            .Concat(overflows.Select(o => (o.MessageId, At: o.Minute, o.Kind, o.Machine, Count: o.Count - o.Aggregated)));
        foreach (var hit in counted)
        {
            if (Daily(hit.MessageId, hit.At) is not { } row)
            {
                continue;
            }

            switch (hit.Kind, hit.Machine)
            {
                case (TrackingHitKind.Open, false): row.TotalOpens += hit.Count; break;
                case (TrackingHitKind.Open, true): row.MachineOpens += hit.Count; break;
                case (TrackingHitKind.Click, false): row.TotalClicks += hit.Count; break;
                case (TrackingHitKind.Click, true): row.MachineClicks += hit.Count; break;
            }
        }

        foreach (var overflow in overflows)
        {
            overflow.Aggregated = overflow.Count;
        }

        foreach (var delta in daily.Values)
        {
            await AddAsync(db, delta, cancellationToken);
        }

        foreach (var delta in links)
        {
            await AddAsync(db, delta, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (events.Count > 0)
        {
            eventMark.LastId = events[^1].Id;
            eventMark.UpdatedAt = now;
        }

        if (hits.Count > 0)
        {
            hitMark.LastId = hits[^1].Id;
            hitMark.UpdatedAt = now;
        }

        // LastId is a concurrency token: a run that raced us and moved it first makes this throw, and roll back.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count + hits.Count + overflows.Count;
    }

    private static async Task<List<LinkDailyStats>> CountLinksAsync(
        NotificationsDbContext db, List<TrackingHit> hits, List<TrackingHitOverflow> overflows, Dictionary<string, string> templates, long before,
        CancellationToken cancellationToken)
    {
        var clicks = hits.Where(h => h.Kind == TrackingHitKind.Click && h.LinkId is not null && templates.ContainsKey(h.MessageId)).ToList();
        var overflowClicks = overflows.Where(o => o.Kind == TrackingHitKind.Click && o.LinkId.Length > 0 && templates.ContainsKey(o.MessageId)).ToList();
        if (clicks.Count == 0 && overflowClicks.Count == 0)
        {
            return [];
        }

        var ids = clicks.Select(h => h.MessageId).Concat(overflowClicks.Select(o => o.MessageId)).Distinct().ToList();
        // Unique per message and link: a human click already counted in an earlier step is a repeat.
        var seen = (await db.TrackingHits.AsNoTracking()
                .Where(h => ids.Contains(h.MessageId) && h.Kind == TrackingHitKind.Click && !h.Machine && h.Id <= before)
                .Select(h => new { h.MessageId, h.LinkId })
                .Distinct()
                .ToListAsync(cancellationToken))
            .Select(h => (h.MessageId, h.LinkId!)).ToHashSet();
        var stored = await db.TrackedLinks.AsNoTracking().Where(l => ids.Contains(l.MessageId))
            .ToDictionaryAsync(l => (l.MessageId, l.LinkId), cancellationToken);
        var rows = new Dictionary<(string Template, string LinkId, DateOnly Day), LinkDailyStats>();
        foreach (var click in clicks)
        {
            var linkId = click.LinkId!;
            if (!stored.TryGetValue((click.MessageId, linkId), out var link) || link.Kind == TrackedLinkKind.Honeypot)
            {
                continue; // the honeypot is no link of the template: its hits count as machine clicks of the day only
            }

            var key = (templates[click.MessageId], linkId, DateOnly.FromDateTime(click.At.UtcDateTime));
            if (!rows.TryGetValue(key, out var row))
            {
                rows[key] = row = new LinkDailyStats { Template = key.Item1, LinkId = linkId, Day = key.Item3, Url = link.Url, Text = link.Text };
            }

            if (click.Machine)
            {
                row.MachineClicks++;
                continue;
            }

            row.TotalClicks++;
            if (seen.Add((click.MessageId, linkId)))
            {
                row.UniqueClicks++;
            }
        }

        // Counted hits beyond the per-minute cap: totals only, as the first human click of a minute is always stored.
        foreach (var overflow in overflowClicks)
        {
            if (!stored.TryGetValue((overflow.MessageId, overflow.LinkId), out var link) || link.Kind == TrackedLinkKind.Honeypot)
            {
                continue;
            }

            var key = (templates[overflow.MessageId], overflow.LinkId, DateOnly.FromDateTime(overflow.Minute.UtcDateTime));
            if (!rows.TryGetValue(key, out var row))
            {
                rows[key] = row = new LinkDailyStats { Template = key.Item1, LinkId = overflow.LinkId, Day = key.Item3, Url = link.Url, Text = link.Text };
            }

            var count = overflow.Count - overflow.Aggregated;
            if (overflow.Machine)
            {
                row.MachineClicks += count;
            }
            else
            {
                row.TotalClicks += count;
            }
        }

        return rows.Values.ToList();
    }

    private static async Task AddAsync(NotificationsDbContext db, TemplateDailyStats delta, CancellationToken cancellationToken)
    {
        var row = await db.TemplateDailyStats.FindAsync([delta.Template, delta.Channel, delta.Day], cancellationToken);
        if (row is null)
        {
            db.TemplateDailyStats.Add(delta);
            return;
        }

        row.Sent += delta.Sent;
        row.Delivered += delta.Delivered;
        row.UniqueOpens += delta.UniqueOpens;
        row.TotalOpens += delta.TotalOpens;
        row.UniqueClicks += delta.UniqueClicks;
        row.TotalClicks += delta.TotalClicks;
        row.MachineOpens += delta.MachineOpens;
        row.MachineClicks += delta.MachineClicks;
    }

    private static async Task AddAsync(NotificationsDbContext db, LinkDailyStats delta, CancellationToken cancellationToken)
    {
        var row = await db.LinkDailyStats.FindAsync([delta.Template, delta.LinkId, delta.Day], cancellationToken);
        if (row is null)
        {
            db.LinkDailyStats.Add(delta);
            return;
        }

        row.Url = delta.Url;
        row.Text = delta.Text;
        row.UniqueClicks += delta.UniqueClicks;
        row.TotalClicks += delta.TotalClicks;
        row.MachineClicks += delta.MachineClicks;
    }

    private static async Task<TrackingWatermark> WatermarkAsync(NotificationsDbContext db, string source, CancellationToken cancellationToken)
    {
        var mark = await db.TrackingWatermarks.FirstOrDefaultAsync(w => w.Source == source, cancellationToken);
        if (mark is null)
        {
            mark = new TrackingWatermark { Source = source };
            db.TrackingWatermarks.Add(mark);
        }

        return mark;
    }
}
