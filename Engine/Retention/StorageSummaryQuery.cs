using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Retention;

/// <summary>Reads the database size (the SQLite file and its write-ahead log) and the oldest message.</summary>
public sealed class StorageSummaryQuery(IDbContextFactory<NotificationsDbContext> dbFactory, IOptions<RetentionOptions> options)
{
    public async Task<StorageSummary> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // EnqueuedAt is indexed: the oldest is the first row of that index, no scan.
        var oldest = await db.Messages.OrderBy(m => m.EnqueuedAt).Select(m => (DateTimeOffset?)m.EnqueuedAt).FirstOrDefaultAsync(cancellationToken);
        var count = await db.Messages.LongCountAsync(cancellationToken);
        return new StorageSummary(FileBytes(db.Database.GetConnectionString()), oldest, count, options.Value.MessageDays);
    }

    private static long? FileBytes(string? connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || !File.Exists(path))
        {
            return null;
        }

        return new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);
    }
}
