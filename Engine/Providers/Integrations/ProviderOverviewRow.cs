namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>One line of Settings → Providers: the integration, its webhook URL, and its latest failure.</summary>
public sealed record ProviderOverviewRow(ProviderIntegrationEntry Entry, ProviderTypeInfo? TypeInfo, Uri? WebhookUrl)
{
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Finished attempts among the provider's latest (<see cref="ProviderOverviewQuery.HealthWindow"/>), and how many failed.</summary>
    public int RecentAttempts { get; init; }

    public int RecentFailures { get; init; }

    /// <summary>
    /// An enabled provider that failed most of its recent attempts (at least three) is not healthy, whatever its
    /// configuration says: "failing", with its last error beside it.
    /// </summary>
    public bool IsFailing => RecentAttempts >= 3 && RecentFailures * 2 > RecentAttempts;

    /// <summary>enabled, failing, disabled or invalid.</summary>
    public string State => Entry.Error is not null ? "invalid" : !Entry.Enabled ? "disabled" : IsFailing ? "failing" : "enabled";
}
