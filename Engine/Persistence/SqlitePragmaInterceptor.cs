using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Applies the per-connection pragmas. WAL itself persists in the file (set once at start-up), but
/// synchronous, busy_timeout and the rest belong to each connection — to each physical one: a pooled connection
/// keeps them, so they are run once per underlying SQLite handle, not on every open.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // mmap: pages are read from the mapping instead of a pread per page, which every commit by another
    // connection would otherwise force again. wal_autocheckpoint: checkpoints are WalCheckpointer's work, off
    // the writers' path; the commit that crosses this much larger threshold still does one, as a backstop.
    /// <summary>How long a statement waits for a lock held by another connection before SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 30000;

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=10000;";

    // Per physical handle, whichever interceptor instance or caller ran them.
    private static readonly ConditionalWeakTable<object, object> Initialised = new();

    /// <summary>
    /// Runs the pragmas on a connection opened without EF Core (so without this interceptor), once per physical
    /// handle as the interceptor does. A no-op for connections that are not SQLite.
    /// </summary>
    public static async Task ApplyOnceAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection && NeedsPragmas(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkDone(connection);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkDone(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkDone(connection);
        }
    }

    private static bool NeedsPragmas(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is null)
        {
            return true;
        }

        return !Initialised.TryGetValue(handle, out _);
    }

    private static void MarkDone(DbConnection connection)
    {
        if ((connection as SqliteConnection)?.Handle is { } handle)
        {
            Initialised.AddOrUpdate(handle, handle);
        }
    }
}
