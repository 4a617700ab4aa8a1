namespace NotificationOps.Engine.Persistence;

/// <summary>A write transaction from <see cref="IWriteTransactions"/>; disposing it without a commit rolls it back.</summary>
public interface IWriteTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken = default);

    Task RollbackAsync(CancellationToken cancellationToken = default);
}
