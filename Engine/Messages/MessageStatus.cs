namespace NotificationOps.Engine.Messages;

/// <summary>The universal status of a message, named as Courier names them (serialised in upper case).</summary>
public enum MessageStatus
{
    Enqueued = 0,
    Sent = 1,
    Delivered = 2,
    Opened = 3,
    Clicked = 4,
    Undeliverable = 10,
    Unroutable = 11,
    Canceled = 12,
    Delayed = 13,
    Simulated = 14,
}
