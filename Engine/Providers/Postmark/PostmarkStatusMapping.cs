using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Providers.Postmark;

/// <summary>Postmark's webhook RecordTypes (bounces split by Type) and what each becomes.</summary>
public static class PostmarkStatusMapping
{
    public static readonly StatusMappingTable Table = new("postmark", "Postmark", "RecordType / bounce Type", [
        StatusRule.Status("Delivery", MessageStatus.Delivered, "The receiving server accepted it."),
        StatusRule.Status("Bounce/HardBounce", MessageStatus.Undeliverable, "Unknown user or mailbox not found.", MessageReason.Bounced),
        StatusRule.Status("Bounce/BadEmailAddress", MessageStatus.Undeliverable, "The address is invalid.", MessageReason.Bounced),
        StatusRule.Status("Bounce/Blocked", MessageStatus.Undeliverable, "The ISP blocked it (content or reputation).", MessageReason.Bounced),
        StatusRule.Status("Bounce/DMARCPolicy", MessageStatus.Undeliverable, "Rejected by the sender domain's DMARC policy.", MessageReason.Bounced),
        StatusRule.Status("Bounce/SpamNotification", MessageStatus.Undeliverable, "Rejected as spam.", MessageReason.Bounced),
        StatusRule.Status("Bounce/VirusNotification", MessageStatus.Undeliverable, "Rejected as containing a virus.", MessageReason.Bounced),
        StatusRule.Status("Bounce/ManuallyDeactivated", MessageStatus.Undeliverable, "The address was deactivated in Postmark.", MessageReason.Bounced),
        StatusRule.Status("Bounce/Unknown", MessageStatus.Undeliverable, "Bounced for a reason Postmark could not classify.", MessageReason.Bounced),
        StatusRule.Status("Bounce/SMTPApiError", MessageStatus.Undeliverable, "Postmark's SMTP API refused it.", MessageReason.Failed),
        StatusRule.Status("Bounce/TemplateRenderingFailed", MessageStatus.Undeliverable, "Postmark could not render the template.", MessageReason.Failed),
        StatusRule.Stays("Bounce/Transient", "Delayed; Postmark keeps trying."),
        StatusRule.Stays("Bounce/SoftBounce", "Temporary failure (mailbox full...); Postmark keeps trying."),
        StatusRule.Stays("Bounce/DnsError", "Temporary DNS failure; Postmark keeps trying."),
        StatusRule.Stays("Bounce/AutoResponder", "An automatic reply (out of office); it was delivered."),
        StatusRule.Stays("Bounce/AddressChange", "The recipient asks to use a new address."),
        StatusRule.Stays("Bounce/ChallengeVerification", "The recipient's server asks the sender to verify itself."),
        StatusRule.Stays("Bounce/OpenRelayTest", "An open relay test."),
        StatusRule.Stays("Bounce/Unsubscribe", "An unsubscribe request by email."),
        StatusRule.Stays("Bounce/Subscribe", "A subscribe request by email."),
        StatusRule.Stays("Bounce/SpamComplaint", "A spam complaint reported as a bounce."),
        StatusRule.Stays("Bounce/Unconfirmed", "The sender signature is not confirmed."),
        StatusRule.Stays("Bounce/InboundError", "An inbound processing error."),
        StatusRule.Stays("SpamComplaint", "The recipient marked it as spam."),
        StatusRule.Status("Open", MessageStatus.Opened, "The recipient opened it (Postmark's open tracking)."),
        StatusRule.Status("Click", MessageStatus.Clicked, "The recipient clicked a link (Postmark's link tracking)."),
        StatusRule.Stays("SubscriptionChange", "The recipient's suppression changed (unsubscribed or reactivated)."),
    ]);
}
