using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Observability;

/// <summary>
/// Stores each completed minute's samples once (kept a day), rolls them into the hour's (kept 90 days), and prunes
/// both, so the charts and the uptime bars survive a restart and nothing grows without bound.
/// </summary>
public sealed class MetricSampler(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes)
{
    public static readonly TimeSpan MinuteRetention = TimeSpan.FromDays(1);
    public static readonly TimeSpan HourRetention = TimeSpan.FromDays(90);
    public static readonly TimeSpan IncidentRetention = TimeSpan.FromDays(365);

    /// <summary>Writes the minute before <paramref name="snapshot"/>'s, unless already written. True when it wrote.</summary>
    public async Task<bool> RecordAsync(HealthSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = snapshot.At;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var previous = minute.AddMinutes(-1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.MetricSamples.AnyAsync(s => s.ResolutionSeconds == 60 && s.BucketStart == previous, cancellationToken))
        {
            return false;
        }

        var attempts = await db.DeliveryAttempts.AsNoTracking()
            .Where(a => a.StartedAt >= previous && a.StartedAt < minute && a.Outcome != AttemptOutcome.Pending)
            .Select(a => new { a.Provider, a.Outcome })
            .ToListAsync(cancellationToken);
        var latencies = (await db.Messages.AsNoTracking()
                .Where(m => m.SentAt >= previous && m.SentAt < minute)
                .OrderBy(m => m.SentAt)
                .Select(m => new { m.SentAt, m.EnqueuedAt })
                .Take(20_000)
                .ToListAsync(cancellationToken))
            .Select(m => Math.Max(0, (m.SentAt!.Value - m.EnqueuedAt).TotalSeconds))
            .Order()
            .ToList();

        var samples = new List<MetricSample>
        {
            Sample(MetricSeries.Sends, string.Empty, previous, attempts.Count(a => a.Outcome == AttemptOutcome.Accepted)),
            Sample(MetricSeries.BacklogAge, string.Empty, previous, snapshot.OldestDueSeconds),
            Sample(MetricSeries.LatencyP50, string.Empty, previous, Percentile(latencies, 0.50)),
            Sample(MetricSeries.LatencyP95, string.Empty, previous, Percentile(latencies, 0.95)),
        };
        foreach (var provider in attempts.GroupBy(a => a.Provider))
        {
            samples.Add(Sample(MetricSeries.Sends, provider.Key, previous, provider.Count(a => a.Outcome == AttemptOutcome.Accepted)));
            samples.Add(Sample(MetricSeries.ErrorRate, provider.Key, previous, 100.0 * provider.Count(a => a.Outcome != AttemptOutcome.Accepted) / provider.Count()));
        }

        var hour = new DateTimeOffset(previous.Year, previous.Month, previous.Day, previous.Hour, 0, 0, TimeSpan.Zero);
        try
        {
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            db.MetricSamples.AddRange(samples);
            await db.SaveChangesAsync(cancellationToken);
            await RollUpHourAsync(db, hour, cancellationToken);
            await PruneAsync(db, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote this minute first (the unique index): its samples stand.
            return false;
        }

        return true;
    }

    /// <summary>The hour's sample per series: sends summed, backlog age at its worst, rates and latencies averaged.</summary>
    private static async Task RollUpHourAsync(NotificationsDbContext db, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var end = hour.AddHours(1);
        var minutes = await db.MetricSamples.AsNoTracking()
            .Where(s => s.ResolutionSeconds == 60 && s.BucketStart >= hour && s.BucketStart < end)
            .Select(s => new { s.Name, s.Label, s.Value })
            .ToListAsync(cancellationToken);
        await db.MetricSamples.Where(s => s.ResolutionSeconds == 3600 && s.BucketStart == hour).ExecuteDeleteAsync(cancellationToken);
        db.MetricSamples.AddRange(minutes.GroupBy(s => (s.Name, s.Label)).Select(g => new MetricSample
        {
            Name = g.Key.Name,
            Label = g.Key.Label,
            ResolutionSeconds = 3600,
            BucketStart = hour,
            Value = g.Key.Name switch
            {
                MetricSeries.Sends => g.Sum(s => s.Value),
                MetricSeries.BacklogAge => g.Max(s => s.Value),
                _ => g.Average(s => s.Value),
            },
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task PruneAsync(NotificationsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minuteCutoff = now - MinuteRetention;
        var hourCutoff = now - HourRetention;
        var incidentCutoff = now - IncidentRetention;
        await db.MetricSamples.Where(s => s.ResolutionSeconds == 60 && s.BucketStart < minuteCutoff).ExecuteDeleteAsync(cancellationToken);
        await db.MetricSamples.Where(s => s.ResolutionSeconds == 3600 && s.BucketStart < hourCutoff).ExecuteDeleteAsync(cancellationToken);
        await ApiRequestLog.PruneAsync(db, now, cancellationToken);
        await db.IncidentUpdates.Where(u => db.Incidents.Any(i => i.Id == u.IncidentId && i.ResolvedAt < incidentCutoff)).ExecuteDeleteAsync(cancellationToken);
        await db.Incidents.Where(i => i.ResolvedAt < incidentCutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private static MetricSample Sample(string name, string label, DateTimeOffset bucket, double value) =>
        new() { Name = name, Label = label, ResolutionSeconds = 60, BucketStart = bucket, Value = value };

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
