using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Providers.Twilio;

/// <summary>Twilio's Message status values, as its StatusCallback reports them, and what each becomes.</summary>
public static class TwilioStatusMapping
{
    public static readonly StatusMappingTable Table = new("twilio", "Twilio", "MessageStatus", [
        StatusRule.Status("accepted", MessageStatus.Sent, "A Messaging Service received the request."),
        StatusRule.Status("queued", MessageStatus.Sent, "Queued to be sent."),
        StatusRule.Status("sending", MessageStatus.Sent, "Being dispatched to the carrier."),
        StatusRule.Status("sent", MessageStatus.Sent, "The carrier accepted it."),
        StatusRule.Status("delivered", MessageStatus.Delivered, "The carrier confirmed delivery to the handset."),
        StatusRule.Status("undelivered", MessageStatus.Undeliverable, "The carrier could not deliver it (see ErrorCode).", MessageReason.Bounced),
        StatusRule.Status("failed", MessageStatus.Undeliverable, "It could not be sent (queue overflow, account suspended, invalid number...).", MessageReason.Failed),
        StatusRule.Status("read", MessageStatus.Opened, "Read by the recipient (WhatsApp, RCS)."),
        StatusRule.Status("canceled", MessageStatus.Undeliverable, "A scheduled message was canceled.", MessageReason.Failed),
        StatusRule.Stays("scheduled", "Scheduled to be sent later."),
        StatusRule.Stays("partially_delivered", "Some parts of a multi-part message were delivered."),
        StatusRule.Stays("receiving", "An inbound message is being received."),
        StatusRule.Stays("received", "An inbound message was received."),
    ]);
}
