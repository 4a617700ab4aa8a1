using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Providers.SendGrid;

/// <summary>SendGrid's Event Webhook events (bounce split by its type) and what each becomes.</summary>
public static class SendGridStatusMapping
{
    public static readonly StatusMappingTable Table = new("sendgrid", "SendGrid", "event", [
        StatusRule.Status("processed", MessageStatus.Sent, "Accepted and queued for delivery."),
        StatusRule.Stays("deferred", "The receiving server deferred it; SendGrid keeps retrying for up to 72 hours."),
        StatusRule.Status("delivered", MessageStatus.Delivered, "The receiving server accepted it."),
        StatusRule.Status("bounce/bounce", MessageStatus.Undeliverable, "The receiving server rejected it permanently (hard bounce).", MessageReason.Bounced),
        StatusRule.Status("bounce/blocked", MessageStatus.Undeliverable, "The receiving server blocked it (soft bounce SendGrid does not retry).", MessageReason.Bounced),
        StatusRule.Status("dropped", MessageStatus.Undeliverable, "SendGrid did not send it (suppressed, unsubscribed, invalid, spam content).", MessageReason.Filtered),
        StatusRule.Status("open", MessageStatus.Opened, "The recipient opened it (SendGrid's pixel)."),
        StatusRule.Status("click", MessageStatus.Clicked, "The recipient clicked a link (SendGrid's link tracking)."),
        StatusRule.Stays("spamreport", "The recipient marked it as spam."),
        StatusRule.Stays("unsubscribe", "The recipient unsubscribed from all mail."),
        StatusRule.Stays("group_unsubscribe", "The recipient unsubscribed from this group."),
        StatusRule.Stays("group_resubscribe", "The recipient subscribed to this group again."),
    ]);
}
