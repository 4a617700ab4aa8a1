using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/messages/{id}/output</c>: what was rendered for the message, as Courier's output resource.</summary>
public sealed record MessageOutputResponse([property: JsonPropertyName("results")] IReadOnlyList<MessageOutputEntry> Results);
