namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>One HTTP attempt of a delivery: the delivery log.</summary>
public sealed class WebhookAttempt
{
    public const int MaxResponseChars = 4096;

    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public required string EndpointId { get; set; }

    public DateTimeOffset At { get; set; }

    public int DurationMs { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>The receiver's answer, truncated to <see cref="MaxResponseChars"/>.</summary>
    public string? ResponseBody { get; set; }

    public string? Error { get; set; }
}
