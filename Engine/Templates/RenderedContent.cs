using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// What one channel gets: a title (email subject, push title), plain text, and HTML for email; from a template
/// also the in-app action URL and the push data payload.
/// </summary>
public sealed record RenderedContent(string Channel, string? Title, string Text, string? Html, string? ActionUrl = null, JsonObject? Data = null)
{
    /// <summary>The form kept on the message (its output): what was sent, read back by the API and the detail page.</summary>
    public string ToJson()
    {
        var json = new JsonObject
        {
            ["channel"] = Channel,
            ["title"] = Title,
            ["text"] = Text,
            ["html"] = Html,
        };
        if (ActionUrl is not null)
        {
            json["action_url"] = ActionUrl;
        }

        if (Data is not null)
        {
            json["data"] = Data.DeepClone();
        }

        return json.ToJsonString();
    }

    /// <summary>Reads <see cref="ToJson"/>'s form; null when absent or unreadable (a page shows the rest without it).</summary>
    public static RenderedContent? FromJson(string? json, string? channel)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject output
                ? new RenderedContent(
                    Read(output, "channel") ?? channel ?? string.Empty,
                    Read(output, "title"),
                    Read(output, "text") ?? string.Empty,
                    Read(output, "html"),
                    Read(output, "action_url"),
                    output["data"] as JsonObject)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Read(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
