using Npgsql;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>
/// The private PostgreSQL cluster ./test.sh starts (scripts/postgres-cluster.sh): its server connection string comes in
/// <c>NOPS_TEST_POSTGRES</c>, and <c>NOPS_TEST_PROVIDER=postgresql</c> makes <see cref="TestDatabase"/> use it. Each test
/// gets a database of its own, copied from one migrated template per test process (a copy is much faster than
/// migrating every time).
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "NOPS_TEST_POSTGRES";

    public const string ProviderVariable = "NOPS_TEST_PROVIDER";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);

    private static readonly SemaphoreSlim AdminGate = new(1, 1);

    private static string? template;

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static bool IsSelected =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <summary>A new, migrated database; answers its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var source = await TemplateAsync();
        var name = $"nops_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
        return WithDatabase(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>A connection string for <paramref name="database"/> on the cluster (the database need not exist).</summary>
    public static string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(RequiredServer()) { Database = database, MaxPoolSize = 20 }.ConnectionString;

    private static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (template is null)
            {
                var name = $"nops_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
                var connectionString = WithDatabase(name);
                await PostgreSqlDatabase.EnsureExistsAsync(connectionString);
                await using (var db = PostgreSqlMigrationsContext.Create(connectionString))
                {
                    await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
                }

                // A template cannot be copied while anyone is connected to it.
                NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
                template = name;
            }

            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    /// <summary>
    /// One statement at a time on the cluster's maintenance database: PostgreSQL refuses to copy a template that
    /// another CREATE DATABASE is copying at that moment, so this process's copies and drops queue here instead.
    /// </summary>
    private static async Task ExecuteAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(RequiredServer()) { Database = "postgres", Pooling = false }.ConnectionString;
        await AdminGate.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            AdminGate.Release();
        }
    }

    private static string RequiredServer() => Server
        ?? throw new InvalidOperationException($"{ServerVariable} is not set: ./test.sh starts a private PostgreSQL cluster and sets it.");
}
