namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>One setting of a provider type as the Settings form asks for it.</summary>
public sealed record ProviderField(string Key, string Label, bool Required = false, bool Secret = false, string? Hint = null)
{
    /// <summary>Several values (SES AllowedTopicArns), entered one per line and stored as Key:0, Key:1...</summary>
    public bool List { get; init; }

    public bool Multiline { get; init; }
}
