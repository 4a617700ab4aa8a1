using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Retention;

/// <summary>Reads the database size (the SQLite file and its write-ahead log, or the PostgreSQL database) and the oldest message.</summary>
public sealed class StorageSummaryQuery(IDbContextFactory<NotificationsDbContext> dbFactory, IOptions<RetentionOptions> options)
{
    public async Task<StorageSummary> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // EnqueuedAt is indexed: the oldest is the first row of that index, no scan.
        var oldest = await db.Messages.OrderBy(m => m.EnqueuedAt).Select(m => (DateTimeOffset?)m.EnqueuedAt).FirstOrDefaultAsync(cancellationToken);
        var count = await db.Messages.LongCountAsync(cancellationToken);
        var bytes = await SqlDialects.For(db).SizeBytesAsync(db, cancellationToken);
        return new StorageSummary(bytes, oldest, count, options.Value.MessageDays);
    }
}
