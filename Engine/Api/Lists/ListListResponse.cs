using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/lists</c>, as Courier's <c>ListListResponse</c>.</summary>
public sealed record ListListResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<ListResponse> Items,
    [property: JsonPropertyName("paging")] CursorPaging Paging);
