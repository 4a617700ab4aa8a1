namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>Deliveries newest first, each with its attempts (newest first); <see cref="Next"/> continues the list.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryEntry> Items, long? Next);
