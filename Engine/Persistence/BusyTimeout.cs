using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Shortens SQLite's busy wait on one context's connection for one piece of work, then restores the default
/// (<see cref="SqlitePragmaInterceptor"/>): the wait happens inside SQLite, where no cancellation token reaches it, so a
/// caller with a deadline (an API request, the health probe) must bound it here. A no-op for other databases.
/// </summary>
public sealed class BusyTimeout : IAsyncDisposable
{
    private readonly SqliteConnection? connection;
    private readonly int defaultTimeout;
    private readonly int? commandTimeout;
    private readonly DbContext? db;

    private BusyTimeout(SqliteConnection? connection, int defaultTimeout = 0, int? commandTimeout = null, DbContext? db = null)
    {
        this.connection = connection;
        this.defaultTimeout = defaultTimeout;
        this.commandTimeout = commandTimeout;
        this.db = db;
    }

    /// <summary>Opens the context's connection (it stays open until the context is disposed) with the shorter wait.</summary>
    public static async Task<BusyTimeout> LimitAsync(DbContext db, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return new BusyTimeout(null);
        }

        // Two waits: SQLite's busy handler (the pragma) and Microsoft.Data.Sqlite's own retry of SQLITE_BUSY, up to
        // the command timeout (BEGIN uses the connection's DefaultTimeout); both are bounded.
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var limited = new BusyTimeout(sqlite, sqlite.DefaultTimeout, db.Database.GetCommandTimeout(), db);
        sqlite.DefaultTimeout = seconds;
        db.Database.SetCommandTimeout(seconds);
        await SetAsync(sqlite, (int)Math.Clamp(wait.TotalMilliseconds, 0, SqlitePragmaInterceptor.BusyTimeoutMilliseconds), cancellationToken);
        return limited;
    }

    public async ValueTask DisposeAsync()
    {
        // The connection returns to the pool: the next user expects the default waits.
        if (connection is { State: System.Data.ConnectionState.Open })
        {
            connection.DefaultTimeout = defaultTimeout;
            db!.Database.SetCommandTimeout(commandTimeout);
            await SetAsync(connection, SqlitePragmaInterceptor.BusyTimeoutMilliseconds, CancellationToken.None);
        }
    }

    private static async Task SetAsync(SqliteConnection connection, int milliseconds, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={milliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
