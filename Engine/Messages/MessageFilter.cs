namespace NotificationOps.Engine.Messages;

/// <summary>What a list of messages is narrowed to. Every filter has an index (see MessageConfiguration).</summary>
public sealed record MessageFilter
{
    public IReadOnlyList<MessageStatus> Statuses { get; init; } = [];

    public IReadOnlyList<string> Providers { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Recipients starting with this text (an index range, not a scan).</summary>
    public string? RecipientPrefix { get; init; }

    /// <summary>A message id, request id or trace id, matched exactly.</summary>
    public string? Search { get; init; }

    public string? Recipient { get; init; }

    public string? Template { get; init; }

    /// <summary>Templates starting with this text (the event log's template field; an index range like the recipient's).</summary>
    public string? TemplatePrefix { get; init; }

    /// <summary>A tag starting with this text (the event log's tag field: "vi" finds "vip").</summary>
    public string? TagPrefix { get; init; }

    public string? TraceId { get; init; }

    public string? MessageId { get; init; }

    public string? RequestId { get; init; }

    /// <summary>Failures for these reasons (UNDELIVERABLE / UNROUTABLE carry one).</summary>
    public IReadOnlyList<MessageReason> Reasons { get; init; } = [];

    /// <summary>Only the messages this bulk operation acted on (<c>BulkOperationMessages</c>).</summary>
    public string? BulkOperationId { get; init; }

    public DateTimeOffset? EnqueuedAfter { get; init; }

    public DateTimeOffset? EnqueuedBefore { get; init; }

    /// <summary>A canonical text of the filter, equal for equal filters (the lists compare by content).</summary>
    public string Key() => string.Join("|",
        string.Join(",", Statuses.Order()), string.Join(",", Providers.Order(StringComparer.Ordinal)),
        string.Join(",", Tags.Order(StringComparer.Ordinal)), string.Join(",", Channels.Order(StringComparer.Ordinal)),
        Recipient, RecipientPrefix, Search, Template, TraceId, MessageId, RequestId,
        EnqueuedAfter?.UtcTicks, EnqueuedBefore?.UtcTicks, string.Join(",", Reasons.Order()), BulkOperationId,
        TemplatePrefix, TagPrefix);

    /// <summary>The same filter without its statuses: what the status chips count over.</summary>
    public MessageFilter WithoutStatuses() => this with { Statuses = [] };
}
