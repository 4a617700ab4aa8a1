namespace NotificationOps.Engine.Sending;

/// <summary>
/// Thrown by the send job after it has recorded a transient failure and the next attempt time, so the job fails
/// into Hangfire's retry (listed on its Retries page, requeueable) at exactly our schedule.
/// </summary>
public sealed class TransientDeliveryException(string messageId, DateTimeOffset retryAt, string message) : Exception(message)
{
    public string MessageId { get; } = messageId;

    public DateTimeOffset RetryAt { get; } = retryAt;
}
