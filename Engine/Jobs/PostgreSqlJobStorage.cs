using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace NotificationOps.Engine.Jobs;

/// <summary>
/// Hangfire.PostgreSql in the store's own database, schema <c>hangfire</c>. Its schema is installed once at start,
/// under <see cref="Persistence.StartupLock"/> (<see cref="InstallSchema"/>): two instances creating its tables at
/// once can fail, so the storage the server uses never installs it itself.
/// </summary>
public static class PostgreSqlJobStorage
{
    public const string SchemaName = "hangfire";

    public static PostgreSqlStorage Create(string connectionString)
    {
        var options = Options(prepareSchema: false);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>Creates or upgrades Hangfire's tables: constructing a storage that prepares its schema does exactly that.</summary>
    public static void InstallSchema(string connectionString)
    {
        var options = Options(prepareSchema: true);
        _ = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static PostgreSqlStorageOptions Options(bool prepareSchema) => new()
    {
        SchemaName = SchemaName,
        PrepareSchemaIfNecessary = prepareSchema,
        // Workers poll their queues; delays and retries are due to the second, as with the in-memory storage.
        QueuePollInterval = TimeSpan.FromSeconds(1),
        // A job fetched by an instance that died comes back after this; a live worker keeps extending it.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(1),
    };
}
