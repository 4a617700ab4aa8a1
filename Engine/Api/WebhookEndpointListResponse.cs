using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

public sealed record WebhookEndpointListResponse([property: JsonPropertyName("results")] IReadOnlyList<WebhookEndpointResponse> Results);
