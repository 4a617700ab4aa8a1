namespace NotificationOps.Engine.Persistence;

/// <summary>Where the store lives. The connection string is read from <c>ConnectionStrings:Notifications</c>.</summary>
public sealed class PersistenceOptions
{
    public const string ConnectionStringName = "Notifications";

    public const string DefaultConnectionString = "Data Source=data/notifications.db";

    /// <summary>The SQLite connection string with a relative data source resolved against the content root.</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;
}
