namespace NotificationOps.Engine.Messages;

/// <summary>History entries that are not transitions.</summary>
public static class MessageEventTypes
{
    public const string AttemptStarted = "ATTEMPT_STARTED";
    public const string AttemptFailed = "ATTEMPT_FAILED";
    public const string RetryScheduled = "RETRY_SCHEDULED";
    public const string Failover = "FAILOVER";
    public const string Resent = "RESENT_AFTER_CRASH";
    public const string RetryRequested = "RETRY_REQUESTED";
    public const string Ignored = "IGNORED";

    /// <summary>A provider's status report that moved nothing (a status that stays, an unknown word, a step back).</summary>
    public const string ProviderEvent = "PROVIDER_EVENT";

    /// <summary>On the original of a resend: the payload names the new message.</summary>
    public const string ResentAs = "RESENT_AS";

    /// <summary>On a resend: the payload names the original.</summary>
    public const string ResendOf = "RESEND_OF";
}
