using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Persistence;

/// <summary>Brings the database to the current schema at start-up and switches it to WAL.</summary>
public sealed class DatabaseInitializer(NotificationsDbContext db, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken);

        // journal_mode is stored in the file, so one statement here covers every later connection.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        // One process owns this database, and it is starting: any lease left is from a process that died.
        // Releasing them lets the start-up recovery sweep resend interrupted attempts at once.
        var released = await db.Messages.Where(m => m.LeaseUntil != null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        // Receipts the previous process's sweep had enqueued died with its job storage: due again now.
        released += await db.SimulatedReceipts.Where(r => r.LeaseUntil != null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        if (released > 0)
        {
            logger.LogWarning("Released {Count} lease(s) left by a previous process", released);
        }
    }
}
