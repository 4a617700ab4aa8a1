namespace NotificationOps.Engine.Providers;

/// <summary>A provider added in Settings → Providers; its type-specific settings are stored encrypted (Data Protection).</summary>
public sealed class ProviderIntegration
{
    public required string Id { get; set; }

    public required string Type { get; set; }

    public required string Channel { get; set; }

    public int Priority { get; set; }

    public bool Enabled { get; set; }

    /// <summary>The settings as JSON, protected with the app's data-protection key ring (kept in this database).</summary>
    public required string ProtectedSettings { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
