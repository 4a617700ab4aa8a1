using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HandlebarsDotNet;
using Markdig;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// Renders ad-hoc content ({title, body}): Handlebars variables from the send's data and the recipient's
/// profile, then the body as Markdown — HTML plus a text part for email, plain text elsewhere.
/// </summary>
public sealed class ContentRenderer
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    // Compiling a Handlebars template builds and JITs an expression tree: far dearer than rendering it. Sends
    // usually repeat the same content with other data, so compiled templates are kept (bounded).
    private const int MaxCachedTemplates = 4096;

    // HTML-escaped for email (the result is HTML); raw for text channels, where "&lt;" would be shown as is.
    private readonly IHandlebars escaping = Handlebars.Create(new HandlebarsConfiguration());
    private readonly IHandlebars raw = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly ConcurrentDictionary<(string Source, bool Escape), HandlebarsTemplate<object, object>> compiled = new();

    public RenderedContent Render(string channel, string? title, string body, JsonObject? data, JsonObject? profile)
    {
        var model = Model(data, profile);
        var isEmail = channel == Channels.Email;
        var renderedTitle = title is null ? null : Apply(title, escape: false, model);
        if (isEmail)
        {
            var markdown = Apply(body, escape: true, model);
            var html = Markdig.Markdown.ToHtml(markdown, Markdown);
            var text = Apply(body, escape: false, model);
            return new RenderedContent(channel, renderedTitle, Markdig.Markdown.ToPlainText(text, Markdown).Trim(), Document(renderedTitle, html));
        }

        var plain = Markdig.Markdown.ToPlainText(Apply(body, escape: false, model), Markdown).Trim();
        return new RenderedContent(channel, renderedTitle, plain, null);
    }

    private string Apply(string source, bool escape, object model)
    {
        if (!source.Contains("{{", StringComparison.Ordinal))
        {
            return source; // nothing to fill in
        }

        if (compiled.Count >= MaxCachedTemplates)
        {
            compiled.Clear();
        }

        var template = compiled.GetOrAdd((source, escape), key => (key.Escape ? escaping : raw).Compile(key.Source));
        return template(model);
    }

    private static Dictionary<string, object?> Model(JsonObject? data, JsonObject? profile)
    {
        var model = data is null ? new Dictionary<string, object?>() : ToDictionary(data);
        model["data"] = data is null ? new Dictionary<string, object?>() : ToDictionary(data);
        model["profile"] = profile is null ? new Dictionary<string, object?>() : ToDictionary(profile);
        return model;
    }

    private static Dictionary<string, object?> ToDictionary(JsonObject json) =>
        json.ToDictionary(p => p.Key, p => ToValue(p.Value));

    private static object? ToValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToDictionary(o),
        JsonArray a => a.Select(ToValue).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => node.ToJsonString(),
    };

    private static string Document(string? title, string body) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{System.Net.WebUtility.HtmlEncode(title ?? string.Empty)}</title></head><body>{body}</body></html>";
}
