using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/templates/{id}/versions</c>: every version, newest first.</summary>
public sealed record TemplateVersionsResponse([property: JsonPropertyName("results")] IReadOnlyList<TemplateVersionResponse> Results);
