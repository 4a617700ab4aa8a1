using Microsoft.EntityFrameworkCore.Storage;

namespace NotificationOps.Engine.Persistence;

/// <summary>A write transaction that is just the database's own (<see cref="PostgreSqlWriteTransactions"/>).</summary>
internal sealed class DatabaseWriteTransaction(IDbContextTransaction transaction) : IWriteTransaction
{
    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken = default) => transaction.RollbackAsync(cancellationToken);

    public ValueTask DisposeAsync() => transaction.DisposeAsync(); // rolls back what was not committed
}
