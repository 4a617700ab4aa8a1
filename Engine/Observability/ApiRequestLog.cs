using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Observability;

/// <summary>
/// Every instance's /api request counts as stored samples (10-second resolution, labelled by instance), so the API
/// rule judges the whole installation however the requests were spread. Kept two hours (the longest window is one).
/// </summary>
public sealed class ApiRequestLog(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    /// <summary>Stores one instance's buckets (a bucket's zero error count is not stored).</summary>
    public async Task WriteAsync(string instance, IReadOnlyList<ApiRequestBucket> buckets, CancellationToken cancellationToken)
    {
        if (buckets.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        foreach (var bucket in buckets)
        {
            db.MetricSamples.Add(Sample(MetricSeries.ApiRequests, instance, bucket.Start, bucket.Requests));
            if (bucket.Errors > 0)
            {
                db.MetricSamples.Add(Sample(MetricSeries.ApiErrors, instance, bucket.Start, bucket.Errors));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>All instances' requests and 5xx answers in the buckets that started within <paramref name="seconds"/> before <paramref name="now"/>.</summary>
    public static async Task<(long Requests, long Errors)> TotalsAsync(NotificationsDbContext db, DateTimeOffset now, int seconds, CancellationToken cancellationToken)
    {
        var since = now.AddSeconds(-seconds);
        var rows = await db.MetricSamples.AsNoTracking()
            .Where(s => s.ResolutionSeconds == ApiRequestWindow.BucketSeconds && s.BucketStart > since && s.BucketStart <= now)
            .GroupBy(s => s.Name)
            .Select(g => new { Name = g.Key, Total = g.Sum(s => s.Value) })
            .ToListAsync(cancellationToken);
        long Total(string name) => (long)(rows.FirstOrDefault(r => r.Name == name)?.Total ?? 0);
        return (Total(MetricSeries.ApiRequests), Total(MetricSeries.ApiErrors));
    }

    /// <summary>Deletes every instance's buckets older than <see cref="Retention"/> (run by the sampler with the other pruning).</summary>
    public static Task<int> PruneAsync(NotificationsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - Retention;
        return db.MetricSamples.Where(s => s.ResolutionSeconds == ApiRequestWindow.BucketSeconds && s.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private static MetricSample Sample(string name, string instance, DateTimeOffset start, long value) =>
        new() { Name = name, Label = instance, ResolutionSeconds = ApiRequestWindow.BucketSeconds, BucketStart = start, Value = value };
}
