namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>What the Settings form submits for a stored integration. An empty secret on edit keeps the stored one.</summary>
public sealed class IntegrationInput
{
    public string Id { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public int Priority { get; set; } = 100;

    public bool Enabled { get; set; } = true;

    /// <summary>By field key; list fields hold one value per line.</summary>
    public Dictionary<string, string?> Settings { get; set; } = new(StringComparer.Ordinal);
}
