using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Applies the per-connection pragmas. WAL itself persists in the file (set once at start-up), but
/// synchronous and busy_timeout belong to each connection.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // mmap: pages are read from the mapping instead of a pread per page, which every commit by another
    // connection would otherwise force again.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
