namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>A provider type the dashboard can add: its channels, its settings, and how its webhook is secured.</summary>
public sealed record ProviderTypeInfo(string Type, string Name, IReadOnlyList<string> Channels, IReadOnlyList<ProviderField> Fields)
{
    /// <summary>What to paste into the provider's console besides the URL; null when the type has no status webhook.</summary>
    public string? WebhookSecretHint { get; init; }
}
