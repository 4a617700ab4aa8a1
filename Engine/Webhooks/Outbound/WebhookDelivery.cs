namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// The outbox row: one event for one endpoint, written in the transaction that caused the event, and the record
/// of its delivery (the recovery sweep resumes it from here; Hangfire only runs it).
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Increasing in write order: the order events of one message are delivered in.</summary>
    public long Id { get; set; }

    public required string EndpointId { get; set; }

    /// <summary>The <c>webhook-id</c> header: the same on every retry and replay of this event.</summary>
    public required string WebhookId { get; set; }

    public required string EventType { get; set; }

    public string? MessageId { get; set; }

    /// <summary>The status this event reports (message:updated); null for opens, clicks and tests.</summary>
    public string? Status { get; set; }

    /// <summary>Event details known only when it happened (a hit's time, link, machine flag), as JSON.</summary>
    public string? Detail { get; set; }

    /// <summary>The body, fixed at the first attempt so every retry and replay sends the same bytes.</summary>
    public string? Payload { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public WebhookDeliveryState State { get; set; }

    /// <summary>Attempts ever made (the log); <see cref="ScheduleIndex"/> counts those of the current retry cycle.</summary>
    public int Attempts { get; set; }

    public int ScheduleIndex { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
