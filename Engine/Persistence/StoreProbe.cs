using Microsoft.EntityFrameworkCore;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Proves the store can take a write, not only answer a read: takes the write lock and rewrites a row of the
/// migrations history to itself inside a transaction that is then rolled back, so nothing changes. A locked
/// database, a read-only file or an I/O error on the lock fails it; it needs no table of its own.
/// </summary>
public static class StoreProbe
{
    public static async Task WriteAsync(DbContext db, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        await using var busy = await BusyTimeout.LimitAsync(db, wait, cancellationToken);
        // On SQLite this BEGIN is IMMEDIATE: it takes the write lock now, as a writer would.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // PostgreSQL waits on a row lock without end; the probe, like SQLite's busy wait above, only so long.
            var lockTimeout = "SET LOCAL lock_timeout = " + ((int)Math.Max(1, wait.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlRawAsync(lockTimeout, cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE "__EFMigrationsHistory" SET "ProductVersion" = "ProductVersion" """, cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
    }
}
