using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/lists/{list_id}/subscriptions</c>, as Courier's <c>SubscriptionListResponse</c>.</summary>
public sealed record ListSubscriptionsResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<ListSubscriptionResponse> Items,
    [property: JsonPropertyName("paging")] CursorPaging Paging);
