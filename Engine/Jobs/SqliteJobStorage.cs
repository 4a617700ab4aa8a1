using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using SQLite;

namespace NotificationOps.Engine.Jobs;

/// <summary>
/// Hangfire.Storage.SQLite (<c>Jobs:Storage=sqlite</c>) in a file of its own beside the main database file, with the
/// library's known faults contained here:
/// <list type="bullet">
/// <item>Two processes on one job file ran jobs twice (its queue lock is per process): this process holds an
/// exclusive lock on <c>&lt;job file&gt;.lock</c> for as long as the storage lives, and a second one is refused with
/// an error naming the key. The operating system drops the lock when the process dies, even by kill -9.</item>
/// <item>Its distributed-lock heartbeat runs on a timer thread over the connection the lock holder keeps using (its
/// issue #79: access violations, a corrupted file): every connection is opened in SQLite's serialized threading mode
/// (<c>FullMutex</c>) instead of its <c>NoMutex</c>, so SQLite itself serializes the two threads' calls.</item>
/// <item>That heartbeat timer can fire once more after its lock and connection were released; a connection closed by
/// then is a freed handle (a segfault): connections are closed only when nothing can reach them
/// (<see cref="SqliteJobConnection"/>).</item>
/// <item>It polls every 15 s by default: 1 s here, as with the other storages.</item>
/// <item>Jobs fetched by a process that was killed stayed invisible for 30 minutes: since this process is the file's
/// only user, at start it puts every fetched job back in its queue and drops the dead process's locks and server
/// entries, so they run again at once. Its invisibility timeout does not slide (a job running longer than it is
/// fetched a second time), so it stays long enough for our longest jobs rather than short.</item>
/// </list>
/// Its batch writes are not one database transaction: a job lost between them is still a row in our database,
/// which the recovery sweep resumes, as with every storage.
/// </summary>
public sealed class SqliteJobStorage : IDisposable
{
    /// <summary>How long a fetched job stays invisible to other workers of this process (no sliding renewal).</summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromMinutes(5);

    private readonly FileStream ownership;

    private SqliteJobStorage(string path, FileStream ownership, SQLiteStorage storage)
    {
        Path = path;
        this.ownership = ownership;
        Storage = storage;
    }

    /// <summary>The job file.</summary>
    public string Path { get; }

    public SQLiteStorage Storage { get; }

    /// <summary>
    /// The job file for a SQLite store: beside its file, named after it (<c>notifications.db</c> →
    /// <c>notifications.jobs.db</c>), never inside it, so a fault in the job file cannot touch messages.
    /// </summary>
    public static string PathBeside(string storeConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(storeConnectionString);
        if (builder.Mode == SqliteOpenMode.Memory || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException(
                "Jobs:Storage is 'sqlite' but ConnectionStrings:Notifications is an in-memory database: the job file is kept beside the database file, so the database must be a file.");
        }

        var store = System.IO.Path.GetFullPath(builder.DataSource);
        var folder = System.IO.Path.GetDirectoryName(store) ?? ".";
        return System.IO.Path.Combine(folder, System.IO.Path.GetFileNameWithoutExtension(store) + ".jobs.db");
    }

    /// <summary>Opens the job file for this process alone; throws, naming the key, when another process has it.</summary>
    public static SqliteJobStorage Open(string path, TimeSpan? distributedLockLifetime = null)
    {
        var ownership = Own(path);
        try
        {
            var options = new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(1),
                InvisibilityTimeout = InvisibilityTimeout,
                DistributedLockLifetime = distributedLockLifetime ?? TimeSpan.FromSeconds(30),
            };
            var storage = new SQLiteStorage(new SQLiteDbConnectionFactory(() => Connect(path)), options);
            ReclaimFromDeadProcess(storage);
            return new SqliteJobStorage(path, ownership, storage);
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A connection in serialized mode, safe when the heartbeat timer and the lock holder share it, and closed only once
    /// nothing can reach it, so a heartbeat that fires after its lock was released never meets a closed handle.
    /// </summary>
    internal static SQLiteConnection Connect(string path) =>
        new SqliteJobConnection(new SQLiteConnectionString(path, SQLiteOpenFlags.ReadWrite | SQLiteOpenFlags.Create | SQLiteOpenFlags.FullMutex, storeDateTimeAsTicks: true))
        {
            BusyTimeout = TimeSpan.FromSeconds(10),
        };

    private static FileStream Own(string path)
    {
        var lockPath = path + ".lock";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(lockPath)!);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Linux), held by this open file until it is
            // closed or the process dies: a second opener, in this process or another, fails at once.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Jobs:Storage is 'sqlite' but the job file '{path}' is in use by another process: one job server per file. " +
                "Stop the other process, give this one its own ConnectionStrings:Notifications, or run several instances on " +
                "Database:Provider=postgresql.", ex);
        }
    }

    private static void ReclaimFromDeadProcess(SQLiteStorage storage)
    {
        using var context = storage.CreateAndOpenConnection();
        var db = context.Database;
        db.RunInTransaction(() =>
        {
            db.Execute("UPDATE \"JobQueue\" SET \"FetchedAt\" = ? WHERE \"FetchedAt\" <> ?", DateTime.MinValue, DateTime.MinValue);
            db.Execute("DELETE FROM \"DistributedLock\"");
            db.Execute("DELETE FROM \"Server\"");
        });
    }

    public void Dispose()
    {
        Storage.Dispose();
        ownership.Dispose();
    }
}
