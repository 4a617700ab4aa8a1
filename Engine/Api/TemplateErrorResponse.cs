using System.Text.Json.Serialization;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Api;

/// <summary>A 422 for a template text that does not compile or render: the error shape plus line and column.</summary>
public sealed record TemplateErrorResponse(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("column")] int? Column)
{
    public static TemplateErrorResponse From(TemplateRenderException error) =>
        new("template_error", error.Message, $"content.{error.Field}", error.Line, error.Column);
}
