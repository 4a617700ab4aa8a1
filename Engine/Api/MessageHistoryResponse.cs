using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/messages/{id}/history</c>: the message's events in order, machine opens and clicks merged in.</summary>
public sealed record MessageHistoryResponse([property: JsonPropertyName("results")] IReadOnlyList<MessageHistoryItem> Results);
