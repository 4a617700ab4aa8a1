namespace NotificationOps.Engine.Incidents;

/// <summary>
/// The alerts about one incident: messages (in the event log under <see cref="Tag"/>) and outbound webhook
/// deliveries, with how many of those were delivered and how many failed for good. Dashboard only: the public page
/// shows no message data.
/// </summary>
public sealed record AlertsSent(string Tag, int Messages, int WebhookDeliveries, int WebhooksDelivered, int WebhooksFailed);
