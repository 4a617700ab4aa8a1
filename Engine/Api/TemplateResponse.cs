using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Api;

/// <summary>One template with its draft and published content: get, create, update, publish.</summary>
public sealed record TemplateResponse : TemplateSummaryResponse
{
    [SetsRequiredMembers]
    private TemplateResponse(TemplateSummaryResponse summary)
        : base(summary)
    {
    }

    /// <summary>The latest version's content, snake_case as stored (<c>{"email": {"subject", "html", "text"}, ...}</c>).</summary>
    [JsonPropertyName("content")]
    [JsonPropertyOrder(1)]
    public JsonNode? Content { get; init; }

    [JsonPropertyName("published_content")]
    [JsonPropertyOrder(1)]
    public JsonNode? PublishedContent { get; init; }

    public static TemplateResponse From(TemplateDetails details) => new(From(details.Template))
    {
        Content = JsonSerializer.SerializeToNode(details.Content, TemplateContent.Json),
        PublishedContent = details.Published is null ? null : JsonSerializer.SerializeToNode(details.Published, TemplateContent.Json),
    };
}
