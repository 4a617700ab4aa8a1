namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>One status report out of a provider's webhook, before it is mapped.</summary>
public sealed record ProviderStatusEvent(string EventId, string ProviderStatus, string RawPayload)
{
    /// <summary>Our message id, when the provider echoes our custom argument / metadata / header.</summary>
    public string? MessageId { get; init; }

    /// <summary>The provider's id of the message, as its send answer gave it.</summary>
    public string? ProviderMessageId { get; init; }

    public DateTimeOffset? At { get; init; }

    /// <summary>The provider's own words (SMTP response, bounce description, error code).</summary>
    public string? Detail { get; init; }
}
