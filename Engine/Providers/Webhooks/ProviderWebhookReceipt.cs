namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>
/// A provider event (or a signed token) already taken in: unique by (Scope, Key), so a provider's redelivery of
/// the same event is stored once, and a replayed Mailgun token is refused.
/// </summary>
public sealed class ProviderWebhookReceipt
{
    public long Id { get; set; }

    /// <summary>The provider type for events, or a token scope such as mailgun-token.</summary>
    public required string Scope { get; set; }

    /// <summary>The provider's event id, or the token.</summary>
    public required string Key { get; set; }

    public string? MessageId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
