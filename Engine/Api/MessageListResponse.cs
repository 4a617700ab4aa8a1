using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/messages</c>: a page of messages, newest first, and the keyset cursor to the next.</summary>
public sealed record MessageListResponse(
    [property: JsonPropertyName("paging")] MessagePaging Paging,
    [property: JsonPropertyName("results")] IReadOnlyList<MessageDetailsResponse> Results);
