namespace NotificationOps.Engine.Persistence;

/// <summary>The database engine that holds the store (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
