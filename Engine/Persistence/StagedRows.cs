using Microsoft.EntityFrameworkCore.Metadata;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Rows of one entity type turned into the values their table takes (the EF model's value conversions applied), ahead
/// of the transaction that inserts them: <see cref="ModelRowInserter.Stage"/>. A writer that prepares its next rows while
/// its current ones are written does the conversions off the write transaction (a fan-out batch, docs/lists.md).
/// </summary>
public sealed class StagedRows
{
    internal StagedRows(IModel model, StoreObjectIdentifier table, IReadOnlyList<IProperty> columns, IReadOnlyList<object?[]> values)
    {
        Model = model;
        Table = table;
        Columns = columns;
        Values = values;
    }

    internal IModel Model { get; }

    internal StoreObjectIdentifier Table { get; }

    internal IReadOnlyList<IProperty> Columns { get; }

    /// <summary>One array per row, a value per column in <see cref="Columns"/>' order.</summary>
    internal IReadOnlyList<object?[]> Values { get; }

    public int Count => Values.Count;

    /// <summary>The rows whose position <paramref name="keep"/> accepts, in their order.</summary>
    public StagedRows Where(Func<int, bool> keep) =>
        new(Model, Table, Columns, Values.Where((_, i) => keep(i)).ToList());
}
