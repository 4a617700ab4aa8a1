using SQLite;

namespace NotificationOps.Engine.Jobs;

/// <summary>
/// A job-store connection (Hangfire.Storage.SQLite) that is closed only once nothing can reach it. The library's
/// distributed lock beats its heartbeat from a timer over the connection its holder used, and the timer can fire once
/// more after the lock and the connection were released (its own comment says so): if the pool or the storage has
/// closed the connection by then, SQLite is called on a freed handle and the process dies (a segfault in
/// <c>libe_sqlite3.so</c>, seen once in CI at a 5 ms heartbeat). Closing is therefore left to a finalizer that runs
/// only when no timer, lock or pool holds the connection any more; until then a late heartbeat finds it open.
/// </summary>
internal sealed class SqliteJobConnection : SQLiteConnection
{
    private readonly Closer closer;

    public SqliteJobConnection(SQLiteConnectionString connectionString)
        : base(connectionString)
    {
        closer = new Closer(this);
    }

    /// <summary>Whether the handle was closed (by <see cref="Closer"/>).</summary>
    public bool Closed { get; private set; }

    /// <summary>Close and Dispose come here: the handle stays open for whoever still holds the connection.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && IsInTransaction)
        {
            Rollback(); // what closing would have done to a transaction left open: no write lock outlives its user
        }

        GC.KeepAlive(closer);
    }

    private void CloseNow()
    {
        Closed = true;
        base.Dispose(true);
    }

    /// <summary>Referenced only by its connection: finalized once the connection is unreachable, never before.</summary>
    private sealed class Closer(SqliteJobConnection connection)
    {
        ~Closer()
        {
            try
            {
                connection.CloseNow();
            }
            catch (Exception)
            {
                // A finalizer must not throw (the process would die); the handle is lost with the process at worst.
            }
        }
    }
}
