using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// The ad-hoc content of a send (<c>message.content</c>): refused when it is empty or its title is not one line,
/// at intake, so nothing empty or header-breaking is stored or delivered.
/// </summary>
public static class SendContentParser
{
    /// <summary>Title and body of ad-hoc content, from the {title, body} form or from Elemental.</summary>
    public static (string? Title, string Body) Parse(JsonNode? content)
    {
        if (content is not JsonObject obj)
        {
            throw Invalid("message.content", "'message.content' must be an object: {\"title\": ..., \"body\": ...}.");
        }

        if (obj["elements"] is JsonArray elements)
        {
            string? title = null;
            var parts = new List<string>();
            for (var i = 0; i < elements.Count; i++)
            {
                if (elements[i] is not JsonObject element)
                {
                    continue;
                }

                var type = element["type"] is JsonValue tv && tv.GetValueKind() == JsonValueKind.String ? tv.GetValue<string>() : null;
                if (type == "meta" && element["title"] is JsonValue t)
                {
                    title = HeaderText.SingleLine(t.ToString(), $"message.content.elements[{i}].title");
                }
                else if (element["content"] is JsonValue c)
                {
                    parts.Add(c.ToString());
                }
            }

            if (string.IsNullOrWhiteSpace(title) && parts.All(string.IsNullOrWhiteSpace))
            {
                throw Bad("message.content.elements", "'message.content.elements' has nothing to send: add a text element ({\"type\": \"text\", \"content\": ...}).");
            }

            return (title, string.Join("\n\n", parts));
        }

        var titleValue = obj["title"];
        if (titleValue is not null && titleValue.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid("message.content.title", "'message.content.title' must be a string.");
        }

        if (obj["body"] is not JsonValue body || body.GetValueKind() != JsonValueKind.String)
        {
            throw Bad("message.content.body", "'message.content.body' is required and must be a string.");
        }

        var titleText = titleValue is null ? null : HeaderText.SingleLine(titleValue.GetValue<string>(), "message.content.title");
        if (string.IsNullOrWhiteSpace(titleText) && string.IsNullOrWhiteSpace(body.GetValue<string>()))
        {
            throw Bad("message.content.body", "The content is empty: give a 'body' (and, for email, a 'title').");
        }

        return (titleText, body.GetValue<string>());
    }

    private static RequestValidationException Bad(string field, string message) => new(ValidationErrorKind.Invalid, field, message);

    private static RequestValidationException Invalid(string field, string message) => new(ValidationErrorKind.Unprocessable, field, message);
}
