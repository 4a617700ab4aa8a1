namespace NotificationOps.Engine.Messages;

/// <summary>Why a message is UNDELIVERABLE or UNROUTABLE (Courier's reasons).</summary>
public enum MessageReason
{
    Bounced = 1,
    Failed = 2,
    Filtered = 3,
    NoChannels = 4,
    NoProviders = 5,
    OptInRequired = 6,
    ProviderError = 7,
    Unpublished = 8,
    Unsubscribed = 9,
}
