namespace NotificationOps.Engine.Providers;

/// <summary>Where an integration is defined: appsettings/environment (read-only in the dashboard) or the database.</summary>
public enum ProviderSource
{
    Configuration,
    Database,
}
