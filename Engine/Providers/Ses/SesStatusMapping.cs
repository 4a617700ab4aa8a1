using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Providers.Ses;

/// <summary>
/// Amazon SES's notification types (identity notifications) and event types (configuration-set event
/// publishing), bounces split by bounceType, and what each becomes. A bounce notification is SES's last word
/// on that message, transient or not.
/// </summary>
public static class SesStatusMapping
{
    public static readonly StatusMappingTable Table = new("ses", "Amazon SES", "notificationType / eventType", [
        StatusRule.Status("Send", MessageStatus.Sent, "SES accepted the request and will try to deliver it."),
        StatusRule.Status("Delivery", MessageStatus.Delivered, "The receiving server accepted it."),
        StatusRule.Status("Bounce/Permanent", MessageStatus.Undeliverable, "Hard bounce: do not send to this address again.", MessageReason.Bounced),
        StatusRule.Status("Bounce/Transient", MessageStatus.Undeliverable, "Soft bounce after SES's retries (mailbox full, too large); a later send may succeed.", MessageReason.Bounced),
        StatusRule.Status("Bounce/Undetermined", MessageStatus.Undeliverable, "SES could not determine why it bounced.", MessageReason.Bounced),
        StatusRule.Status("Reject", MessageStatus.Undeliverable, "SES found a virus and did not send it.", MessageReason.Filtered),
        StatusRule.Status("Rendering Failure", MessageStatus.Undeliverable, "SES could not render the template.", MessageReason.Failed),
        StatusRule.Stays("DeliveryDelay", "Delayed (mailbox full, throttled...); SES keeps trying."),
        StatusRule.Stays("Complaint", "The recipient marked it as spam."),
        StatusRule.Status("Open", MessageStatus.Opened, "The recipient opened it (SES open tracking)."),
        StatusRule.Status("Click", MessageStatus.Clicked, "The recipient clicked a link (SES click tracking)."),
        StatusRule.Stays("Subscription", "The recipient changed their subscription preferences."),
        StatusRule.Stays("AmazonSnsSubscriptionSucceeded", "The SNS topic subscription is confirmed."),
    ]);
}
