using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/templates</c>: a page of templates and the cursor to the next.</summary>
public sealed record TemplateListResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<TemplateSummaryResponse> Results,
    [property: JsonPropertyName("paging")] TemplatePaging Paging);
