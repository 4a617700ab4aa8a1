namespace NotificationOps.Engine.Jobs;

/// <summary>Where Hangfire keeps its jobs (<c>Jobs:Storage</c>).</summary>
public enum JobStorageKind
{
    Memory,
    Sqlite,
    PostgreSql,
}
