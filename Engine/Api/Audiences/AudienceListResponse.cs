using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/audiences</c>, as Courier's <c>AudienceListResponse</c>.</summary>
public sealed record AudienceListResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<AudienceResponse> Items,
    [property: JsonPropertyName("paging")] CursorPaging Paging);
