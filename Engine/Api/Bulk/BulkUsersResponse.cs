using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/bulk/{job_id}/users</c>, as Courier's <c>BulkListUsersResponse</c>.</summary>
public sealed record BulkUsersResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<BulkUserResponse> Items,
    [property: JsonPropertyName("paging")] CursorPaging Paging);
