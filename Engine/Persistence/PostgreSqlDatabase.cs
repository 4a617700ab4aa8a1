using Npgsql;

namespace NotificationOps.Engine.Persistence;

/// <summary>Creates the configured PostgreSQL database at start when it does not exist yet, as SQLite creates its file.</summary>
public static class PostgreSqlDatabase
{
    public static async Task EnsureExistsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Does not exist: created below.
        }

        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // The C collation orders text by code point, as SQLite does: the event log's recipient-prefix range
        // (>= prefix, < prefix + U+FFFF) and every ORDER BY on text then mean the same on both databases.
        await using var command = new NpgsqlCommand(
            $"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
            connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance starting at the same time created it first: 42P04 once its CREATE has committed,
            // 23505 on pg_database's name index while both CREATEs are still in flight.
        }
    }
}
