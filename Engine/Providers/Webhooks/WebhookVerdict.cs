namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>Whether a webhook call may be processed; when not, why (logged and answered 401, nothing stored).</summary>
public sealed record WebhookVerdict(bool Valid, string? Problem = null)
{
    public static readonly WebhookVerdict Ok = new(true);

    public static WebhookVerdict Refused(string problem) => new(false, problem);

    /// <summary>A call that is answered at once without status events (SNS SubscriptionConfirmation).</summary>
    public bool Handled { get; init; }
}
