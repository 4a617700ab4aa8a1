using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// A write transaction that first takes this process's turn at the database file. SQLite lets one writer in at a
/// time; a writer that finds the lock taken sleeps in SQLite's busy handler (1, 2, 5 … 100 ms, blocking its
/// thread) and wakes late, so under load the file sits idle between writers while threads sleep. Queuing here
/// instead hands the lock over the moment it is released, without blocking a thread. Writers in other processes,
/// or ones outside such a transaction, still meet SQLite's busy timeout as before.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    /// <summary>As long as SQLite's busy timeout: a writer waits no longer here than it would there.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate;
    private readonly IDbContextTransaction transaction;
    private bool released;

    private WriteTransaction(SemaphoreSlim gate, IDbContextTransaction transaction)
    {
        this.gate = gate;
        this.transaction = transaction;
    }

    /// <summary>Waits for this process's turn at the file, then begins the transaction (BEGIN IMMEDIATE).</summary>
    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(Timeout, cancellationToken))
        {
            throw new TimeoutException($"The database stayed busy with other writes for {Timeout.TotalSeconds:0} s.");
        }

        try
        {
            return new WriteTransaction(gate, await db.Database.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await transaction.CommitAsync(cancellationToken);
        Release();
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync(); // rolls back what was not committed
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (!released)
        {
            released = true;
            gate.Release();
        }
    }
}
