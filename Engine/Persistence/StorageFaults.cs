using Microsoft.Data.Sqlite;

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
            }
        }

        return false;
    }
}
