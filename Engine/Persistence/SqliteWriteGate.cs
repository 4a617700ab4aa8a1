using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// SQLite admits one writer at a time, and a writer that finds the lock taken sleeps in its busy handler
/// (1, 2, 5, 10 ms...) on a blocked thread. Under load that sleeping, not the writing, is the cost. This gate
/// hands the write lock over in-process instead: a transaction waits for it asynchronously when it starts and
/// releases it when it commits, rolls back or fails, or, as a backstop, when its connection closes.
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor
{
    // Longer than any transaction of ours should ever take. Past it, a transaction goes ahead ungated (SQLite's
    // busy handler still keeps it correct) rather than wait on a gate some bug failed to release.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Holder> holders = new();

    /// <summary>The connection-close hook of the gate; register it with the transaction interceptor.</summary>
    public DbConnectionInterceptor ConnectionHook => new CloseHook(this);

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!IsHeld(connection) && gate.Wait(MaxWait))
        {
            holders.AddOrUpdate(connection, new Holder());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!IsHeld(connection) && await gate.WaitAsync(MaxWait, cancellationToken))
        {
            holders.AddOrUpdate(connection, new Holder());
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    private bool IsHeld(DbConnection connection) => holders.TryGetValue(connection, out var holder) && holder.Held;

    private void Release(DbConnection? connection)
    {
        if (connection is not null && holders.TryGetValue(connection, out var holder) && holder.Held)
        {
            holder.Held = false;
            holders.Remove(connection);
            gate.Release();
        }
    }

    private sealed class Holder
    {
        public bool Held { get; set; } = true;
    }

    /// <summary>A transaction disposed without commit or rollback (an exception) still frees the gate.</summary>
    private sealed class CloseHook(SqliteWriteGate owner) : DbConnectionInterceptor
    {
        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.Release(connection);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.Release(connection);
            return ValueTask.FromResult(result);
        }
    }
}
