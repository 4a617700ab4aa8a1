using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Copies the write-ahead log back into the database file in the background. SQLite's default does it inside the
/// commit that crosses 1,000 pages, so under load every few dozen commits one writer held the write lock
/// (and every writer queued behind it) through a checkpoint and its fsyncs. A PASSIVE checkpoint waits for
/// nobody and blocks nobody, so running it here every second keeps the log short off the writers' path. Each
/// connection keeps an auto-checkpoint at 10,000 pages (40 MB of log) as a backstop (SqlitePragmaInterceptor).
/// </summary>
public sealed class WalCheckpointer(IServiceScopeFactory scopes, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<NotificationsDbContext>>();
            await using var db = await factory.CreateDbContextAsync(stoppingToken);
            connectionString = db.Database.GetConnectionString();
        }

        if (string.IsNullOrEmpty(connectionString) || new SqliteConnectionStringBuilder(connectionString).Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(connectionString, "PASSIVE", stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // On the way out, leave a short log behind for the next start (and for whoever copies the file).
        await CheckpointAsync(connectionString, "TRUNCATE", CancellationToken.None);
    }

    private async Task CheckpointAsync(string connectionString, string mode, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout=1000; PRAGMA wal_checkpoint({mode});";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            // Busy or locked now: the next tick (or a commit past the backstop) does it.
            logger.LogDebug(ex, "WAL checkpoint ({Mode}) skipped", mode);
        }
    }
}
