using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>The event types an endpoint can subscribe to.</summary>
public static class WebhookEvents
{
    /// <summary>Sent by the "send test event" button and <c>POST /api/webhooks/{id}/test</c>, whatever the subscription.</summary>
    public const string Test = "webhook:test";

    /// <summary>An ops alert (incident opened, updated, resolved) to an endpoint named as an alert recipient, whatever the subscription.</summary>
    public const string IncidentUpdated = "incident:updated";

    /// <summary>An automation run's status changed (RUNNING, WAITING, COMPLETED, FAILED, CANCELED).</summary>
    public const string RunUpdated = "automation:run-updated";

    public static readonly string[] Subscribable = [MessageChange.Updated, MessageChange.Opened, MessageChange.Clicked, RunUpdated];

    /// <summary>Announced in the issue; refused until audiences emit it.</summary>
    public static readonly string[] NotYetAvailable = ["audience:calculated"];
}
