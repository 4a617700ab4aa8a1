namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>What a webhook call came to: the HTTP status to answer and what was taken in.</summary>
public sealed record WebhookOutcome(int StatusCode, string Message)
{
    public int Applied { get; init; }

    public int Duplicates { get; init; }

    public int Unmatched { get; init; }
}
