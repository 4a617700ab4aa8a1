using Microsoft.EntityFrameworkCore;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// PostgreSQL's write transactions: a plain database transaction. Row locks let writers of this and other instances
/// run side by side, so there is no in-process queue to wait in (<see cref="SqliteWriteTransactions"/> has one).
/// </summary>
public sealed class PostgreSqlWriteTransactions : IWriteTransactions
{
    public async Task<IWriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default) =>
        new DatabaseWriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken));
}
