using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace NotificationOps.Engine.Persistence;

/// <summary>SQLite's side of <see cref="ISqlDialect"/>.</summary>
public sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private const int Constraint = 19;

    private SqliteDialect()
    {
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public bool SharedByInstances => false;

    public string ValuesCell(IProperty column, string parameter) => parameter;

    public string Returning(string alias, string column) => $"\"{column}\"";

    public bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: Constraint })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The file and its write-ahead log.</summary>
    public Task<long?> SizeBytesAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || !File.Exists(path))
        {
            return Task.FromResult<long?>(null);
        }

        return Task.FromResult<long?>(new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length));
    }
}
