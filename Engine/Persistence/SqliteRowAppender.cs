using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// <see cref="ModelRowInserter"/>'s SQLite path: one single-row INSERT prepared once per call and stepped per row, its
/// values bound by position. Microsoft.Data.Sqlite binds every parameter by name on every execution and SQLite finds a
/// name by a linear scan, so a statement of P parameters costs P²/2 name comparisons per execution; with positions the
/// cost per row is its column count, and there is no command, reader or parameter object per row. Measured on the
/// 32-column Messages table: about 1.5 to 2 times the rows per second of the named single-row statement and 2 to 2.5
/// times that of the earlier four-row one (docs/lists.md, Benchmarks). The values are the EF model's provider values,
/// bound as Microsoft.Data.Sqlite would bind them; a table with a column of any other provider type keeps the named path.
/// </summary>
internal static class SqliteRowAppender
{
    /// <summary>Whether every column's provider type is one this binder writes exactly as Microsoft.Data.Sqlite does.</summary>
    public static bool Supports(IReadOnlyList<IProperty> columns) => columns.All(c =>
    {
        var type = c.GetTypeMapping().Converter?.ProviderClrType ?? c.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte)
            || type == typeof(bool) || type == typeof(double) || type == typeof(float) || type == typeof(byte[]);
    });

    /// <summary>Appends <paramref name="rows"/> (provider values, a row per array) on <paramref name="connection"/>, in the transaction it has begun.</summary>
    public static void Append(SqliteConnection connection, string sql, IReadOnlyList<object?[]> rows)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        try
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    Check(Bind(statement, i + 1, row[i]), handle);
                }

                var done = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (done != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(done, handle); // a constraint violation reads as it did through the command
                    throw new InvalidOperationException($"SQLite answered {done} to an INSERT.");
                }
            }
        }
        finally
        {
            statement.Dispose(); // sqlite3_finalize
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(statement, index, real),
        float real => raw.sqlite3_bind_double(statement, index, real),
        byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),
        _ => throw new InvalidOperationException($"No SQLite binding for a {value.GetType().Name} value."),
    };

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }
}
