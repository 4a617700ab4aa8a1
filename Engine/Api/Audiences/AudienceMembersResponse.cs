using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/audiences/{id}/members</c>: the served membership, by user id.</summary>
public sealed record AudienceMembersResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<AudienceMemberResponse> Items,
    [property: JsonPropertyName("paging")] CursorPaging Paging);
