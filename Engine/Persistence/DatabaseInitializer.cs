using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Brings the database to the current schema at start-up (each provider with its own migrations set) and, on SQLite,
/// switches it to WAL. Runs under <see cref="StartupLock"/>, so instances starting together migrate once.
/// </summary>
public sealed class DatabaseInitializer(NotificationsDbContext db, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var dialect = SqlDialects.For(db);
        if (dialect.Provider == DatabaseProvider.PostgreSql)
        {
            await using var migrations = PostgreSqlMigrationsContext.Create(db.Database.GetConnectionString()!);
            await MigrateAsync(migrations, cancellationToken);
            // Several instances may share this database: a lease left in it may be a live instance's, and expires by itself.
            return;
        }

        await MigrateAsync(db, cancellationToken);

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

    private async Task MigrateAsync(DbContext context, CancellationToken cancellationToken)
    {
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await context.Database.MigrateAsync(cancellationToken);
    }
}
