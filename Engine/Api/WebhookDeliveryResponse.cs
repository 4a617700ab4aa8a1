using System.Text.Json.Serialization;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Api;

/// <summary>One event for one endpoint: its state, the request body sent (once built) and every attempt, newest first.</summary>
public sealed record WebhookDeliveryResponse
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("endpoint_id")] public required string EndpointId { get; init; }
    [JsonPropertyName("webhook_id")] public required string WebhookId { get; init; }
    [JsonPropertyName("event")] public required string Event { get; init; }
    [JsonPropertyName("message_id")] public string? MessageId { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("occurred")] public long Occurred { get; init; }
    [JsonPropertyName("next_attempt")] public long? NextAttempt { get; init; }
    [JsonPropertyName("delivered")] public long? Delivered { get; init; }
    [JsonPropertyName("request_body")] public string? RequestBody { get; init; }
    [JsonPropertyName("attempts")] public required IReadOnlyList<WebhookAttemptResponse> Attempts { get; init; }

    public static WebhookDeliveryResponse From(WebhookDeliveryEntry entry) => new()
    {
        Id = entry.Delivery.Id,
        EndpointId = entry.Delivery.EndpointId,
        WebhookId = entry.Delivery.WebhookId,
        Event = entry.Delivery.EventType,
        MessageId = entry.Delivery.MessageId,
        Status = entry.Delivery.Status,
        State = entry.Delivery.State.ToString().ToLowerInvariant(),
        Occurred = entry.Delivery.OccurredAt.ToUnixTimeMilliseconds(),
        NextAttempt = entry.Delivery.NextAttemptAt?.ToUnixTimeMilliseconds(),
        Delivered = entry.Delivery.DeliveredAt?.ToUnixTimeMilliseconds(),
        RequestBody = entry.Delivery.Payload,
        Attempts = entry.Attempts.Select(WebhookAttemptResponse.From).ToList(),
    };
}
