namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// A batch the delivery job has sent and not yet recorded: its leased rows and the attempt made for each (by
/// delivery id). A row without an attempt (not tried: the endpoint answered 410 meanwhile, or the job stopped) is
/// only let go.
/// </summary>
public sealed record WebhookBatchRecord(
    string EndpointId,
    IReadOnlyList<WebhookDelivery> Batch,
    IReadOnlyDictionary<long, (string Payload, WebhookAttemptResult Result)> Attempts);
