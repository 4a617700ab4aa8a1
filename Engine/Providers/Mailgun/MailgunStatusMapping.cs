using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Providers.Mailgun;

/// <summary>Mailgun's webhook events (failed split by severity) and what each becomes.</summary>
public static class MailgunStatusMapping
{
    public static readonly StatusMappingTable Table = new("mailgun", "Mailgun", "event / severity", [
        StatusRule.Status("accepted", MessageStatus.Sent, "Mailgun accepted the request and queued it."),
        StatusRule.Status("rejected", MessageStatus.Undeliverable, "Mailgun rejected the request to send.", MessageReason.Failed),
        StatusRule.Status("delivered", MessageStatus.Delivered, "The receiving server accepted it."),
        StatusRule.Status("failed/permanent", MessageStatus.Undeliverable, "Hard bounce or suppressed; Mailgun gave up.", MessageReason.Bounced),
        StatusRule.Stays("failed/temporary", "Soft bounce; Mailgun keeps retrying."),
        StatusRule.Status("opened", MessageStatus.Opened, "The recipient opened it (Mailgun's open tracking)."),
        StatusRule.Status("clicked", MessageStatus.Clicked, "The recipient clicked a link (Mailgun's link tracking)."),
        StatusRule.Stays("unsubscribed", "The recipient unsubscribed."),
        StatusRule.Stays("complained", "The recipient marked it as spam."),
        StatusRule.Stays("stored", "An incoming message was stored."),
        StatusRule.Stays("list_member_uploaded", "A mailing-list member was added."),
        StatusRule.Stays("list_uploaded", "A mailing list was uploaded."),
    ]);
}
