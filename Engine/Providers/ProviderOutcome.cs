namespace NotificationOps.Engine.Providers;

public enum ProviderOutcome
{
    /// <summary>The provider took the message; a delivery receipt may follow (→ SENT).</summary>
    Accepted,
    /// <summary>The provider's success is the delivery itself, for channels without receipts (→ DELIVERED).</summary>
    Delivered,
    /// <summary>Worth trying again later: connection failures, timeouts, 408, 429, 5xx, documented transient errors.</summary>
    TransientFailure,
    /// <summary>Trying again will not help: move on to the next provider.</summary>
    PermanentFailure,
}
