using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Api;

/// <summary>Rendered content under the names Courier's SDK reads (title and subject, body and text, blocks).</summary>
public sealed record MessageOutputContent(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("blocks")] IReadOnlyList<MessageOutputBlock> Blocks,
    [property: JsonPropertyName("action_url")] string? ActionUrl,
    [property: JsonPropertyName("data")] JsonObject? Data)
{
    public static MessageOutputContent From(RenderedContent output)
    {
        var title = output.Title ?? string.Empty;
        return new(title, title, output.Text, output.Text, output.Html ?? string.Empty, [new MessageOutputBlock("text", output.Text)], output.ActionUrl, output.Data);
    }
}
