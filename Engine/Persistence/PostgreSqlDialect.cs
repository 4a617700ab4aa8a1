using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace NotificationOps.Engine.Persistence;

/// <summary>PostgreSQL's side of <see cref="ISqlDialect"/>.</summary>
public sealed class PostgreSqlDialect : ISqlDialect
{
    public static readonly PostgreSqlDialect Instance = new();

    private PostgreSqlDialect()
    {
    }

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public bool SharedByInstances => true;

    public string ValuesCell(IProperty column, string parameter) => $"CAST({parameter} AS {column.GetColumnType()})";

    public string Returning(string alias, string column) => $"{alias}.\"{column}\"";

    public bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }

    public async Task<long?> SizeBytesAsync(DbContext db, CancellationToken cancellationToken = default) =>
        await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(cancellationToken);
}
