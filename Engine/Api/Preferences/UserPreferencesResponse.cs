using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/users/{user_id}/preferences</c>, as Courier's <c>PreferenceRetrieveResponse</c>.</summary>
public sealed record UserPreferencesResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<TopicPreferenceResponse> Items,
    [property: JsonPropertyName("paging")] CursorPaging Paging);
