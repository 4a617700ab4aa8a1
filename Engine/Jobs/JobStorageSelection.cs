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
            case "sqlite":
                throw new InvalidOperationException(
                    "Jobs:Storage 'sqlite' is not available in this build (see docs/storage.md): use 'memory' with SQLite.");
            default:
                throw new InvalidOperationException(
                    $"Jobs:Storage is '{value}': it must be '{JobsOptions.MemoryStorage}' or '{JobsOptions.PostgreSqlStorage}'.");
        }
    }
}
