namespace NotificationOps.Engine.Persistence;

/// <summary>Where the store lives. The connection string is read from <c>ConnectionStrings:Notifications</c>.</summary>
public static class PersistenceOptions
{
    public const string ConnectionStringName = "Notifications";

    public const string DefaultConnectionString = "Data Source=data/notifications.db";
}
