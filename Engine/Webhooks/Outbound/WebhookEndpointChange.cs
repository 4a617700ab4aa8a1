namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>What a create or an update sets; null leaves a field as it is (an update) or takes its default (a create).</summary>
public sealed record WebhookEndpointChange
{
    public string? Url { get; init; }

    public IReadOnlyList<string>? Events { get; init; }

    public string? Description { get; init; }

    public bool? Enabled { get; init; }

    public bool? IncludeMachineHits { get; init; }
}
