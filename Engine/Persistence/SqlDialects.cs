using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NotificationOps.Engine.Persistence;

/// <summary>The <see cref="ISqlDialect"/> of a context or connection, told by the provider behind it.</summary>
public static class SqlDialects
{
    public static ISqlDialect For(DbContext db) => db.Database.IsNpgsql() ? PostgreSqlDialect.Instance : SqliteDialect.Instance;

    public static ISqlDialect For(DbConnection connection) => connection is NpgsqlConnection ? PostgreSqlDialect.Instance : SqliteDialect.Instance;

    public static ISqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSql ? PostgreSqlDialect.Instance : SqliteDialect.Instance;
}
