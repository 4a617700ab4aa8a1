using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Jobs;

/// <summary>
/// Reads <c>Jobs:Storage</c> against the database provider while services are registered, so a wrong value stops the
/// start with an error naming the key.
/// </summary>
public static class JobStorageSelection
{
    public static JobStorageKind Read(IConfiguration configuration, DatabaseProvider database)
    {
        var value = configuration.GetSection(JobsOptions.SectionName)[nameof(JobsOptions.Storage)]?.Trim().ToLowerInvariant();
        switch (value)
        {
            case null or "":
                return database == DatabaseProvider.PostgreSql ? JobStorageKind.PostgreSql : JobStorageKind.Memory;
            case JobsOptions.MemoryStorage:
                return JobStorageKind.Memory;
            case JobsOptions.PostgreSqlStorage when database == DatabaseProvider.PostgreSql:
                return JobStorageKind.PostgreSql;
            case JobsOptions.PostgreSqlStorage:
                throw new InvalidOperationException(
                    "Jobs:Storage is 'postgresql' but Database:Provider is not: the PostgreSQL job storage lives in the store's PostgreSQL database.");
            case JobsOptions.SqliteStorage when database == DatabaseProvider.Sqlite:
                return JobStorageKind.Sqlite;
            case JobsOptions.SqliteStorage:
                throw new InvalidOperationException(
                    "Jobs:Storage is 'sqlite' but Database:Provider is postgresql: a SQLite job file serves one process, use 'postgresql' (the default) or 'memory'.");
            default:
                throw new InvalidOperationException(
                    $"Jobs:Storage is '{value}': it must be '{JobsOptions.MemoryStorage}', '{JobsOptions.SqliteStorage}' or '{JobsOptions.PostgreSqlStorage}'.");
        }
    }
}
