using Microsoft.EntityFrameworkCore;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Begins the write transactions of the engine. Each database decides what a writer must wait for: SQLite lets one
/// writer in at a time, so its implementation queues writers in the process (<see cref="SqliteWriteTransactions"/>);
/// a database with row locks (PostgreSQL) would simply begin a transaction.
/// </summary>
public interface IWriteTransactions
{
    /// <summary>Waits for this writer's turn, if the database needs one, then begins a transaction on <paramref name="db"/>.</summary>
    Task<IWriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default);
}
