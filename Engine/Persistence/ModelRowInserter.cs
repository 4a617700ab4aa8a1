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

    public static Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class => rows.Count == 0 ? Task.CompletedTask : InsertAsync(db, Stage(db, rows), cancellationToken);

    /// <summary>
    /// <paramref name="rows"/> as their table takes them, ready for <see cref="InsertAsync(DbContext, StagedRows, CancellationToken)"/>
    /// on a context of the same model (<paramref name="db"/> may be another one than the inserting context: no
    /// transaction or connection is needed here).
    /// </summary>
    public static StagedRows Stage<T>(DbContext db, IReadOnlyList<T> rows)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var getters = columns.Select(c => (Getter: c.GetGetter(), Converter: c.GetTypeMapping().Converter)).ToArray();
        var values = new object?[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = values[r] = new object?[getters.Length];
            for (var i = 0; i < getters.Length; i++)
            {
                var value = getters[i].Getter.GetClrValue(rows[r]);
                row[i] = getters[i].Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;
            }
        }

        return new StagedRows(db.Model, table, columns, values);
    }

    /// <summary>Appends staged rows in the context's current transaction.</summary>
    public static async Task InsertAsync(DbContext db, StagedRows rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!ReferenceEquals(rows.Model, db.Model))
        {
            throw new InvalidOperationException("The rows were staged for another model (another database provider).");
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are appended only inside the caller's transaction.");
        var (table, columns) = (rows.Table, rows.Columns);
        cancellationToken.ThrowIfCancellationRequested();
        // SQLite: one row per statement, bound by position (SqliteRowAppender says why). Multi-row statements stay for
        // PostgreSQL, where a round trip per row would cost far more than binding.
        if (db.Database.GetDbConnection() is SqliteConnection sqlite && SqliteRowAppender.Supports(columns))
        {
            SqliteRowAppender.Append(sqlite, InsertSql(table, columns, 1, (_, _) => "?"), rows.Values);
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
                    parameters[k].Value = rows.Values[done + k / columns.Count][k % columns.Count] ?? DBNull.Value;
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

    private static List<DbParameter> Prepare(DbCommand command, StoreObjectIdentifier table, IReadOnlyList<IProperty> columns, int rows)
    {
        command.CommandText = InsertSql(table, columns, rows, (r, i) => $"@p{r}_{i}");
        return Enumerable.Range(0, rows).SelectMany(r => columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{r}_{i}";
            command.Parameters.Add(parameter);
            return parameter;
        })).ToList();
    }

    private static string InsertSql(StoreObjectIdentifier table, IReadOnlyList<IProperty> columns, int rows, Func<int, int, string> parameter) =>
        $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\""))}) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", columns.Select((_, i) => parameter(r, i)))})"));
}
