using System.Text.Json.Serialization;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's MessageDetails (epoch-millisecond timestamps), plus our channel, provider, tags and retry state.</summary>
public sealed record MessageDetailsResponse
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("enqueued")] public long Enqueued { get; init; }
    [JsonPropertyName("sent")] public long? Sent { get; init; }
    [JsonPropertyName("delivered")] public long? Delivered { get; init; }
    [JsonPropertyName("opened")] public long? Opened { get; init; }
    [JsonPropertyName("clicked")] public long? Clicked { get; init; }
    [JsonPropertyName("recipient")] public required string Recipient { get; init; }
    [JsonPropertyName("event")] public required string Event { get; init; }
    [JsonPropertyName("notification")] public required string Notification { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("request_id")] public required string RequestId { get; init; }
    [JsonPropertyName("channel")] public string? Channel { get; init; }
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string> Tags { get; init; } = [];
    [JsonPropertyName("trace_id")] public string? TraceId { get; init; }
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("next_attempt")] public long? NextAttempt { get; init; }
    [JsonPropertyName("updated")] public long Updated { get; init; }

    public static MessageDetailsResponse From(Message m) => new()
    {
        Id = m.Id,
        Status = m.Status.ToWire(),
        Enqueued = m.EnqueuedAt.ToUnixTimeMilliseconds(),
        Sent = m.SentAt?.ToUnixTimeMilliseconds(),
        Delivered = m.DeliveredAt?.ToUnixTimeMilliseconds(),
        Opened = m.OpenedAt?.ToUnixTimeMilliseconds(),
        Clicked = m.ClickedAt?.ToUnixTimeMilliseconds(),
        Recipient = m.Recipient,
        Event = m.Template ?? string.Empty,
        Notification = m.Template ?? string.Empty,
        Error = m.Error,
        Reason = m.Reason?.ToWire(),
        RequestId = m.RequestId,
        Channel = m.Channel,
        Provider = m.Provider,
        Tags = string.IsNullOrEmpty(m.Tags) ? [] : m.Tags.Split(','),
        TraceId = m.TraceId,
        Attempts = m.AttemptCount,
        NextAttempt = m.NextAttemptAt?.ToUnixTimeMilliseconds(),
        Updated = m.UpdatedAt.ToUnixTimeMilliseconds(),
    };
}
