namespace NotificationOps.Engine.Messages;

/// <summary>What a list of messages is narrowed to. Every filter has an index (see MessageConfiguration).</summary>
public sealed record MessageFilter
{
    public IReadOnlyList<MessageStatus> Statuses { get; init; } = [];

    public IReadOnlyList<string> Providers { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Recipient { get; init; }

    public string? Template { get; init; }

    public string? TraceId { get; init; }

    public string? MessageId { get; init; }

    public string? RequestId { get; init; }

    public DateTimeOffset? EnqueuedAfter { get; init; }

    public DateTimeOffset? EnqueuedBefore { get; init; }
}
