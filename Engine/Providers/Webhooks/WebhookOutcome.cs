namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>What a webhook call came to: the HTTP status to answer and what was taken in.</summary>
public sealed record WebhookOutcome(int StatusCode, string Message)
{
    /// <summary>The body field a 400 is about, when there is one.</summary>
    public string? Field { get; init; }

    public int Applied { get; init; }

    public int Duplicates { get; init; }

    public int Unmatched { get; init; }
}
