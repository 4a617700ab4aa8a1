using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>A page of deliveries, newest first; pass <c>paging.cursor</c> as <c>?cursor=</c> for the next.</summary>
public sealed record WebhookDeliveryListResponse(
    [property: JsonPropertyName("paging")] MessagePaging Paging,
    [property: JsonPropertyName("results")] IReadOnlyList<WebhookDeliveryResponse> Results);
