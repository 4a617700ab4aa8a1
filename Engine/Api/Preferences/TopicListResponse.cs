using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/preferences/topics</c>: every topic (a handful; not paged).</summary>
public sealed record TopicListResponse([property: JsonPropertyName("items")] IReadOnlyList<TopicResponse> Items);
