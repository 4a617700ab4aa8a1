namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>One line of Settings → Providers: the integration, its webhook URL, and its latest failure.</summary>
public sealed record ProviderOverviewRow(ProviderIntegrationEntry Entry, ProviderTypeInfo? TypeInfo, Uri? WebhookUrl)
{
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>enabled, disabled or invalid.</summary>
    public string State => Entry.Error is not null ? "invalid" : Entry.Enabled ? "enabled" : "disabled";
}
