using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using HandlebarsDotNet;
using Markdig;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// The one renderer of NotificationOps: the send, the preview and the render API all come here. Ad-hoc content
/// ({title, body}) is Handlebars then Markdown; a template's content is Handlebars per channel, its email wrapped in
/// the workspace's brand layout. The send's data and the recipient's <c>profile</c> are the model; HTML is escaped
/// in HTML bodies and left alone in text.
/// </summary>
public sealed class ContentRenderer
{
    public const string HeaderPartial = "header";
    public const string FooterPartial = "footer";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    // Compiling a Handlebars template builds and JITs an expression tree: far dearer than rendering it. Sends
    // usually repeat the same content with other data, so compiled templates are kept (bounded).
    private const int MaxCachedTemplates = 4096;

    private readonly HandlebarsSet plain = new(null);
    private volatile HandlebarsSet branded = new(Brand.Default);

    public RenderedContent Render(string channel, string? title, string body, JsonObject? data, JsonObject? profile)
    {
        var model = Model(data, profile);
        // Data can carry line breaks into a title the sender wrote on one line: flattened, never a broken header.
        var renderedTitle = title is null ? null : HeaderText.Flatten(plain.Apply(title, escape: false, model, "title"));
        if (channel == Channels.Email)
        {
            var markdown = plain.Apply(body, escape: true, model, "body");
            var html = Markdig.Markdown.ToHtml(markdown, Markdown);
            var text = plain.Apply(body, escape: false, model, "body");
            return new RenderedContent(channel, renderedTitle, Markdig.Markdown.ToPlainText(text, Markdown).Trim(), Document(renderedTitle, null, html));
        }

        var plainText = Markdig.Markdown.ToPlainText(plain.Apply(body, escape: false, model, "body"), Markdown).Trim();
        return new RenderedContent(channel, renderedTitle, plainText, null);
    }

    /// <summary>One channel of a template.</summary>
    /// <exception cref="TemplateRenderException">A text of the template does not compile or render.</exception>
    public RenderedContent RenderTemplate(string channel, TemplateContent content, JsonObject? data, JsonObject? profile, Brand brand)
    {
        var set = For(brand);
        var model = Model(data, profile);
        switch (channel)
        {
            case Channels.Email:
                var email = content.Email ?? new EmailContent();
                var subject = HeaderText.Flatten(set.Apply(email.Subject ?? string.Empty, escape: false, model, "email.subject"));
                var body = set.Apply(email.Html ?? string.Empty, escape: true, model, "email.html");
                var header = set.Apply($"{{{{> {HeaderPartial}}}}}", escape: true, model, "brand.header");
                var footer = set.Apply($"{{{{> {FooterPartial}}}}}", escape: true, model, "brand.footer");
                var text = string.IsNullOrWhiteSpace(email.Text)
                    ? HtmlText.FromHtml($"{body}<p>{footer}</p>")
                    : set.Apply(email.Text, escape: false, model, "email.text");
                return new RenderedContent(channel, subject, text, Document(subject, brand, $"{header}{Card(body)}{footer}"));
            case Channels.Sms:
                return new RenderedContent(channel, null, set.Apply(content.Sms?.Text ?? string.Empty, escape: false, model, "sms.text"), null);
            case Channels.Push:
                var push = content.Push ?? new PushContent();
                return new RenderedContent(channel,
                    HeaderText.Flatten(set.Apply(push.Title ?? string.Empty, escape: false, model, "push.title")),
                    set.Apply(push.Body ?? string.Empty, escape: false, model, "push.body"),
                    null,
                    Data: push.Data is null ? null : (JsonObject)RenderData(set, push.Data, model, "push.data")!);
            case Channels.Chat:
                return new RenderedContent(channel, null, set.Apply(content.Chat?.Text ?? string.Empty, escape: false, model, "chat.text"), null);
            case Channels.Inbox:
                var inbox = content.Inbox ?? new InboxContent();
                return new RenderedContent(channel,
                    HeaderText.Flatten(set.Apply(inbox.Title ?? string.Empty, escape: false, model, "inbox.title")),
                    set.Apply(inbox.Body ?? string.Empty, escape: false, model, "inbox.body"),
                    null,
                    ActionUrl: string.IsNullOrWhiteSpace(inbox.ActionUrl) ? null : set.Apply(inbox.ActionUrl, escape: false, model, "inbox.action_url"));
            default:
                throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a channel.");
        }
    }

    /// <summary>Every channel the content has, each rendered or with its error: the editor's preview and the render API.</summary>
    public IReadOnlyList<ChannelPreview> Preview(TemplateContent content, JsonObject? data, JsonObject? profile, Brand brand) =>
        content.Channels().Select(channel =>
        {
            try
            {
                return new ChannelPreview(channel, RenderTemplate(channel, content, data, profile, brand), null);
            }
            catch (TemplateRenderException error)
            {
                return new ChannelPreview(channel, null, error);
            }
        }).ToList();

    /// <summary>The errors of every text of the content, rendered without data (a publish refuses content with any).</summary>
    public IReadOnlyList<TemplateRenderException> Check(TemplateContent content, Brand brand) =>
        Preview(content, null, null, brand).Where(p => p.Error is not null).Select(p => p.Error!).ToList();

    /// <summary>The Handlebars set for this brand: partials belong to a set, so a changed brand gets a new one.</summary>
    private HandlebarsSet For(Brand brand)
    {
        var current = branded;
        if (current.Brand is { } b && SameLook(b, brand))
        {
            return current;
        }

        var fresh = new HandlebarsSet(brand);
        branded = fresh;
        return fresh;
    }

    private static bool SameLook(Brand a, Brand b) =>
        a.Name == b.Name && a.LogoUrl == b.LogoUrl && a.PrimaryColor == b.PrimaryColor && a.BackgroundColor == b.BackgroundColor && a.FooterHtml == b.FooterHtml;

    private static JsonNode? RenderData(HandlebarsSet set, JsonNode? node, object model, string field) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, RenderData(set, p.Value, model, $"{field}.{p.Key}")))),
        JsonArray a => new JsonArray(a.Select((item, i) => RenderData(set, item, model, $"{field}[{i}]")).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(set.Apply(s, escape: false, model, field)),
        _ => node?.DeepClone(),
    };

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

    private static string Card(string body) =>
        $"<div style=\"background:#ffffff;padding:24px;font-size:15px;line-height:1.5\">{body}</div>";

    private static string Document(string? title, Brand? brand, string body)
    {
        var background = brand is null ? string.Empty : $" style=\"margin:0;padding:24px 0;background:{brand.BackgroundColor}\"";
        var inner = brand is null ? body : $"<div style=\"max-width:600px;margin:0 auto;font-family:Arial,Helvetica,sans-serif;color:#1f2933\">{body}</div>";
        return $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title ?? string.Empty)}</title></head><body{background}>{inner}</body></html>";
    }

    /// <summary>Two Handlebars environments (escaping for HTML, raw for text) with the helpers, the brand's partials and their compiled templates.</summary>
    private sealed class HandlebarsSet
    {
        private readonly IHandlebars escaping;
        private readonly IHandlebars raw;
        private readonly ConcurrentDictionary<(string Source, bool Escape), HandlebarsTemplate<object, object>> compiled = new();

        public HandlebarsSet(Brand? brand)
        {
            Brand = brand;
            escaping = Create(new HandlebarsConfiguration(), brand);
            raw = Create(new HandlebarsConfiguration { NoEscape = true }, brand);
        }

        public Brand? Brand { get; }

        public string Apply(string source, bool escape, object model, string field)
        {
            if (!source.Contains("{{", StringComparison.Ordinal))
            {
                return source; // nothing to fill in
            }

            if (compiled.Count >= MaxCachedTemplates)
            {
                compiled.Clear();
            }

            try
            {
                var template = compiled.GetOrAdd((source, escape), key => (key.Escape ? escaping : raw).Compile(key.Source));
                return template(model);
            }
            catch (Exception ex) when (ex is HandlebarsException or InvalidOperationException or ArgumentException)
            {
                // Handlebars.Net also fails with plain InvalidOperationException on some malformed blocks ("{{#each}}").
                var problem = ex is HandlebarsException ? ex.Message.Split("\n\nOccured at", 2)[0].Trim() : $"The template cannot be compiled ({ex.Message}).";
                var (line, column) = TemplateSyntaxLocator.Locate(source, ex.Message);
                throw new TemplateRenderException(field, line, column, problem, ex);
            }
        }

        private static IHandlebars Create(HandlebarsConfiguration configuration, Brand? brand)
        {
            var handlebars = Handlebars.Create(configuration);
            TemplateHelpers.Register(handlebars);
            handlebars.RegisterTemplate(HeaderPartial, brand is null ? string.Empty : Header(brand));
            var footer = brand?.FooterHtml ?? string.Empty;
            try
            {
                // A partial is compiled when registered: a broken footer fails here, not at a send.
                handlebars.RegisterTemplate(FooterPartial, footer.Length == 0
                    ? string.Empty
                    : $"<div style=\"padding:16px 24px;color:#6b7280;font-size:12px;text-align:center\">{footer}</div>");
            }
            catch (Exception ex) when (ex is HandlebarsException or InvalidOperationException)
            {
                var (line, column) = TemplateSyntaxLocator.Locate(footer, ex.Message);
                throw new TemplateRenderException("brand.footer", line, column, ex.Message.Split("\n\nOccured at", 2)[0].Trim(), ex);
            }

            return handlebars;
        }

        // Built from validated fields (http(s) logo URL, #rrggbb colours), encoded: no Handlebars in it.
        private static string Header(Brand brand)
        {
            var name = WebUtility.HtmlEncode(brand.Name);
            var mark = brand.LogoUrl is { Length: > 0 } logo
                ? $"<img src=\"{WebUtility.HtmlEncode(logo)}\" alt=\"{name}\" style=\"max-height:40px\">"
                : $"<span style=\"color:#ffffff;font-size:20px;font-weight:bold\">{name}</span>";
            return $"<div style=\"background:{brand.PrimaryColor};padding:16px 24px\">{mark}</div>".Replace("{{", "&#123;&#123;", StringComparison.Ordinal);
        }
    }
}
