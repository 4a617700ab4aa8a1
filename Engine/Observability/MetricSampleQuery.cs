using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Observability;

/// <summary>Reads stored samples for the Status page's charts: minutes for the last hour, hours for the last day and beyond.</summary>
public sealed class MetricSampleQuery(IDbContextFactory<NotificationsDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<MetricPoint>> SeriesAsync(string name, TimeSpan span, CancellationToken cancellationToken = default)
    {
        var resolution = span <= TimeSpan.FromHours(2) ? 60 : 3600;
        var from = time.GetUtcNow() - span;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MetricSamples.AsNoTracking()
            .Where(s => s.ResolutionSeconds == resolution && s.Name == name && s.BucketStart >= from)
            .OrderBy(s => s.BucketStart)
            .Select(s => new MetricPoint(s.Label, s.BucketStart, s.Value))
            .ToListAsync(cancellationToken);
    }
}
