namespace NotificationOps.Engine.Webhooks.Outbound;

public enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt (<see cref="WebhookDelivery.NextAttemptAt"/>).</summary>
    Pending = 0,
    Delivered = 1,

    /// <summary>Every attempt of the retry schedule failed; a replay makes it pending again.</summary>
    Failed = 2,
}
