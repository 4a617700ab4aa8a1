using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// What the hand-built SQL of <c>Persistence/</c> (the event-log page, the row inserter and updater, the store probe)
/// and its error handling must say differently per database. Everything else in those statements is the SQL both
/// engines share (double-quoted identifiers, VALUES lists, UPDATE … FROM … RETURNING, row values). Pick one with
/// <see cref="SqlDialects.For(DbContext)"/>.
/// </summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>
    /// A cell of a <c>VALUES</c> list that holds <paramref name="parameter"/> as <paramref name="column"/> stores it. SQLite
    /// takes the value as it comes; PostgreSQL types a VALUES column from its cells, so a column of only NULLs would be
    /// text and could not be assigned to a bigint column without a cast.
    /// </summary>
    string ValuesCell(IProperty column, string parameter);

    /// <summary>
    /// A column of the updated table in a RETURNING clause of <c>UPDATE … AS alias … FROM v</c>: PostgreSQL needs it
    /// qualified when <c>v</c> has a column of the same name; SQLite's RETURNING takes only the bare name.
    /// </summary>
    string Returning(string alias, string column);

    /// <summary>Whether <paramref name="exception"/> (or an inner one) is a unique-key violation.</summary>
    bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Whether the database may be shared by several running instances. When it may not (SQLite, one process per file),
    /// a starting process knows any lease left in it belongs to a dead process and may release it at once.
    /// </summary>
    bool SharedByInstances { get; }

    /// <summary>The store's size on disk, when the database can tell.</summary>
    Task<long?> SizeBytesAsync(DbContext db, CancellationToken cancellationToken = default);
}
