using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>The event types an endpoint can subscribe to.</summary>
public static class WebhookEvents
{
    /// <summary>Sent by the "send test event" button and <c>POST /api/webhooks/{id}/test</c>, whatever the subscription.</summary>
    public const string Test = "webhook:test";

    public static readonly string[] Subscribable = [MessageChange.Updated, MessageChange.Opened, MessageChange.Clicked];

    /// <summary>Announced in the issue; they are refused until automations and audiences emit them.</summary>
    public static readonly string[] NotYetAvailable = ["automation:run-updated", "audience:calculated"];
}
