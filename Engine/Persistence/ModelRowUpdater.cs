using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Updates many rows with one statement: each row's values travel in a VALUES list joined to the table, so a
/// batch of N different updates is one prepared statement instead of N. The SQL names columns by property name
/// (this model maps every property to a column of the same name); values are converted as EF stores that
/// property (UTC ticks, enum numbers), taken from the model. Runs in the context's current transaction.
/// </summary>
public static class ModelRowUpdater
{
    private const int RowsPerStatement = 64;

    /// <summary>
    /// Runs <c>WITH v(aliases) AS (VALUES …) UPDATE "T" AS t SET <paramref name="set"/> FROM v WHERE
    /// <paramref name="where"/> RETURNING "<paramref name="returning"/>"</c> and answers the returned values.
    /// <paramref name="set"/> and <paramref name="where"/> refer to the table as <c>t</c>, to the row's values as
    /// <c>v."Alias"</c> and to <paramref name="shared"/> values as <c>@Name</c>.
    /// </summary>
    /// <param name="values">Each value column: its alias in <c>v</c> and the property of <typeparamref name="T"/> whose storage it takes.</param>
    /// <param name="rows">One array per row, in the order of <paramref name="values"/>, as CLR values.</param>
    /// <param name="shared">Parameters common to every row, each converted as the named property stores it.</param>
    public static async Task<List<string>> UpdateAsync<T>(
        DbContext db,
        IReadOnlyList<(string Alias, string Property)> values,
        IReadOnlyList<object?[]> rows,
        string set,
        string where,
        string returning,
        IReadOnlyList<(string Name, string Property, object? Value)> shared,
        CancellationToken cancellationToken = default)
        where T : class
    {
        var updated = new List<string>(rows.Count);
        if (rows.Count == 0)
        {
            return updated;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are updated only inside the caller's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = values.Select(v => Property(entity, v.Property)).ToList();
        var dialect = SqlDialects.For(db);
        var done = 0;
        while (done < rows.Count)
        {
            // Full chunks share one statement text (prepared once, executed per chunk); the remainder is one statement.
            var size = Math.Min(RowsPerStatement, rows.Count - done);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"WITH v({string.Join(", ", values.Select(v => $"\"{v.Alias}\""))}) AS (VALUES " +
                string.Join(", ", Enumerable.Range(0, size).Select(r => $"({string.Join(", ", values.Select((_, i) => dialect.ValuesCell(columns[i], $"@v{r}_{i}")))})")) +
                $") UPDATE \"{entity.GetTableName()}\" AS t SET {set} FROM v WHERE {where} RETURNING {dialect.Returning("t", returning)}";
            foreach (var (name, property, value) in shared)
            {
                Add(command, $"@{name}", Convert(Property(entity, property), value));
            }

            var parameters = Enumerable.Range(0, size * values.Count).Select(k => Add(command, $"@v{k / values.Count}_{k % values.Count}", null)).ToList();
            for (; rows.Count - done >= size; done += size)
            {
                for (var k = 0; k < parameters.Count; k++)
                {
                    parameters[k].Value = Convert(columns[k % values.Count], rows[done + k / values.Count][k % values.Count]);
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    updated.Add(reader.GetString(0));
                }
            }
        }

        return updated;
    }

    private static IProperty Property(IEntityType entity, string name) =>
        entity.FindProperty(name) ?? throw new InvalidOperationException($"{entity.DisplayName()} has no property {name}.");

    private static object Convert(IProperty property, object? value)
    {
        var converter = property.GetTypeMapping().Converter;
        return (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
    }

    private static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
