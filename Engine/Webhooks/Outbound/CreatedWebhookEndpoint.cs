namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>An endpoint with its signing secret: answered once, by create and by rotate.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpoint Endpoint, string Secret);
