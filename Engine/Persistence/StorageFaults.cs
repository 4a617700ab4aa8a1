using Microsoft.Data.Sqlite;
using Npgsql;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Whether an exception means the store itself is unavailable (busy or locked beyond the wait, disk full, an I/O
/// error, a file it cannot open or write) rather than a bug or a bad request: such a fault is worth a retry later,
/// so the API answers 503 with Retry-After and /health reports the database Unhealthy.
/// </summary>
public static class StorageFaults
{
    // SQLite primary result codes (the low byte of an extended code).
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Full = 13, CantOpen = 14;

    public static bool IsStorageFault(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StorageUnavailableException:
                    return true;
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or ReadOnly or IoError or Full or CantOpen:
                    return true;
                case PostgresException postgres when IsUnavailable(postgres.SqlState):
                    return true;
                case NpgsqlException and not PostgresException:
                    // No answer from the server at all: refused, reset, timed out.
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// PostgreSQL's classes for a server that cannot take the work now: 08 connection, 53 insufficient resources (disk
    /// full, out of memory, too many connections), 57P operator intervention (shutting down, starting up), 55P03 a lock
    /// not granted in time, 25006 a read-only server (a standby).
    /// </summary>
    private static bool IsUnavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.ReadOnlySqlTransaction;
}
