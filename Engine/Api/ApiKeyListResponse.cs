using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/keys</c>: every API key, revoked ones included; never a secret.</summary>
public sealed record ApiKeyListResponse([property: JsonPropertyName("results")] IReadOnlyList<ApiKeyResponse> Results);
