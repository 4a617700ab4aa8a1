using System.Globalization;
using Npgsql;

namespace NotificationOps.Bench;

/// <summary>The PostgreSQL side of the send benchmark: a fresh database per run on the given server, and its delivered count.</summary>
public static class PostgresBench
{
    public static string NewDatabase(string server) =>
        new NpgsqlConnectionStringBuilder(server) { Database = $"nops_bench_{Guid.NewGuid():N}" }.ConnectionString;

    public static async Task<int> DeliveredAsync(string database)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"Messages\" WHERE \"Status\" = 2", connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.UndefinedTable)
        {
            return 0; // not created yet
        }
    }

    public static async Task DropAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
