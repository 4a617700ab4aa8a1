using Microsoft.EntityFrameworkCore.Storage;

namespace NotificationOps.Engine.Persistence;

/// <summary>One transaction of <see cref="SqliteWriteTransactions"/>: it holds the file's gate until it ends.</summary>
internal sealed class SqliteWriteTransaction(SemaphoreSlim gate, IDbContextTransaction transaction) : IWriteTransaction
{
    private bool released;

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
