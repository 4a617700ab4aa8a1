using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Appends rows with prepared INSERTs in the context's current transaction (on SQLite one row per statement, bound
/// by position: <see cref="SqliteRowAppender"/>; elsewhere multi-row statements). For append-only hot paths
/// (intake, tracking hits) whose rows are never read back by the writer: EF's change tracking, per-row SQL
/// generation and RETURNING would be pure cost there. Table, columns and value conversions come from the EF
/// model, so the rows are exactly what EF would write; store-generated columns (autoincrement ids) are left to
/// the database and are not read back.
/// </summary>
public static class ModelRowInserter
{
    private const int RowsPerInsert = 32;

    /// <summary>
    /// The named path's limit on SQLite, for a table with a column type <see cref="SqliteRowAppender"/> does not bind:
    /// binding a statement costs the square of its parameter count there.
    /// </summary>
    private const int SqliteParametersPerInsert = 128;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are appended only inside the caller's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        // SQLite: one row per statement, bound by position (SqliteRowAppender says why). Multi-row statements stay for
        // PostgreSQL, where a round trip per row would cost far more than binding.
        if (db.Database.GetDbConnection() is SqliteConnection sqlite && SqliteRowAppender.Supports(columns))
        {
            SqliteRowAppender.Append(sqlite, InsertSql(table, columns, 1, (_, _) => "?"), columns, rows);
            return;
        }

        var rowsPerInsert = db.Database.IsSqlite() ? Math.Clamp(SqliteParametersPerInsert / columns.Count, 1, RowsPerInsert) : RowsPerInsert;
        var done = 0;
        // Full chunks share one statement text (prepared once, executed per chunk); the remainder is one statement.
        while (done < rows.Count)
        {
            var size = Math.Min(rowsPerInsert, rows.Count - done);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            var parameters = Prepare(command, table, columns, size);
            for (; rows.Count - done >= size; done += size)
            {
                for (var k = 0; k < parameters.Count; k++)
                {
                    var (parameter, getter, converter) = parameters[k];
                    parameter.Value = ProviderValue(rows[done + k / columns.Count], getter, converter) ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Appends the entities of <typeparamref name="T"/> that the context tracks as Added (history events added by
    /// the status writer, say) and stops tracking them, so the caller's SaveChanges writes only the rest. For
    /// rows that nothing reads back in this unit of work: store-generated keys are not fetched.
    /// </summary>
    public static async Task FlushAddedAsync<T>(DbContext db, CancellationToken cancellationToken = default)
        where T : class
    {
        var added = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList();
        await InsertAsync(db, added.Select(e => e.Entity).ToList(), cancellationToken);
        added.ForEach(e => e.State = EntityState.Detached);
    }

    private static List<(DbParameter Parameter, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)> Prepare(
        DbCommand command, StoreObjectIdentifier table, IReadOnlyList<IProperty> columns, int rows)
    {
        command.CommandText = InsertSql(table, columns, rows, (r, i) => $"@p{r}_{i}");
        return Enumerable.Range(0, rows).SelectMany(r => columns.Select((column, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{r}_{i}";
            command.Parameters.Add(parameter);
            return (parameter, column.GetGetter(), column.GetTypeMapping().Converter);
        })).ToList();
    }

    /// <summary>A row's column value as the store takes it (the EF model's value conversion applied).</summary>
    internal static object? ProviderValue(object row, IClrPropertyGetter getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter)
    {
        var value = getter.GetClrValue(row);
        return converter is null || value is null ? value : converter.ConvertToProvider(value);
    }

    private static string InsertSql(StoreObjectIdentifier table, IReadOnlyList<IProperty> columns, int rows, Func<int, int, string> parameter) =>
        $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\""))}) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", columns.Select((_, i) => parameter(r, i)))})"));
}
