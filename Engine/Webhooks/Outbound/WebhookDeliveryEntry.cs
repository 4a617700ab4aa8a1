namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>One delivery with its attempts, as the log shows it.</summary>
public sealed record WebhookDeliveryEntry(WebhookDelivery Delivery, string? EndpointUrl, IReadOnlyList<WebhookAttempt> Attempts);
