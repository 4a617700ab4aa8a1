using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/profiles/{user_id}/lists</c>: Courier answers <c>results</c> here, not <c>items</c>.</summary>
public sealed record ProfileListsResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<ProfileListResponse> Results,
    [property: JsonPropertyName("paging")] CursorPaging Paging);
