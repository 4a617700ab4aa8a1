using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// SQLite's write transactions: each first takes this process's turn at the database file. SQLite lets one writer
/// in at a time; a writer that finds the lock taken sleeps in SQLite's busy handler (1, 2, 5 … 100 ms, blocking its
/// thread) and wakes late, so under load the file sits idle between writers while threads sleep. Queuing here
/// instead hands the lock over the moment it is released, without blocking a thread. Writers in other processes,
/// or ones outside such a transaction, still meet SQLite's busy timeout as before. Registered as a singleton, so
/// every writer of the process queues at the same gate per file.
/// </summary>
public sealed class SqliteWriteTransactions : IWriteTransactions
{
    /// <summary>As long as SQLite's busy timeout: a writer waits no longer here than it would there.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this process's turn at the file, then begins the transaction (BEGIN IMMEDIATE).</summary>
    public async Task<IWriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var gate = gates.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(Timeout, cancellationToken))
        {
            throw new TimeoutException($"The database stayed busy with other writes for {Timeout.TotalSeconds:0} s.");
        }

        try
        {
            return new SqliteWriteTransaction(gate, await db.Database.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }
}
