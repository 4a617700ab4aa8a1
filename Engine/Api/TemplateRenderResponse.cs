using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>
/// <c>POST /api/templates/{id}/render</c>: each channel rendered. A channel's fields depend on the channel (email:
/// subject, html, text; push: title, body, data; inbox: title, body, action_url; others: text).
/// </summary>
public sealed record TemplateRenderResponse(
    [property: JsonPropertyName("template")] string Template,
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("channels")] IReadOnlyDictionary<string, JsonObject> Channels);
