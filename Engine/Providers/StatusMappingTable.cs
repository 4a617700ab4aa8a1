namespace NotificationOps.Engine.Providers;

/// <summary>A provider's whole vocabulary and what each word becomes; one per provider, next to its code.</summary>
public sealed class StatusMappingTable(string providerType, string providerName, string vocabulary, IReadOnlyList<StatusRule> rules)
{
    private readonly Dictionary<string, StatusRule> byStatus = rules.ToDictionary(r => r.ProviderStatus, StringComparer.OrdinalIgnoreCase);

    public string ProviderType { get; } = providerType;

    public string ProviderName { get; } = providerName;

    /// <summary>What the rows are: "event", "MessageStatus", "error code"...</summary>
    public string Vocabulary { get; } = vocabulary;

    public IReadOnlyList<StatusRule> Rules { get; } = rules;

    /// <summary>The rule for a provider word; null for a word the provider never documented.</summary>
    public StatusRule? Find(string? providerStatus) =>
        providerStatus is not null && byStatus.TryGetValue(providerStatus, out var rule) ? rule : null;
}
