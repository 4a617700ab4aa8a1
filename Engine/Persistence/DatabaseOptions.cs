using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Which database holds the store (section <c>Database</c>); the connection string is <c>ConnectionStrings:Notifications</c>
/// for either. Read while the services are registered (the provider decides which services exist), so a wrong value
/// stops the start with an error naming the key rather than at the first query.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string Sqlite = "sqlite";

    public const string PostgreSql = "postgresql";

    /// <summary><c>sqlite</c> (a file beside the app) or <c>postgresql</c> (a server; several instances may share it).</summary>
    public string Provider { get; set; } = Sqlite;

    public static DatabaseProvider Read(IConfiguration configuration)
    {
        var value = configuration.GetSection(SectionName)[nameof(Provider)];
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "" or Sqlite => DatabaseProvider.Sqlite,
            PostgreSql or "postgres" => DatabaseProvider.PostgreSql,
            _ => throw new InvalidOperationException(
                $"Database:Provider is '{value}': it must be '{Sqlite}' or '{PostgreSql}'."),
        };
    }
}
