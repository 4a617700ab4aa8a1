using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Templates;

/// <summary>A template as written by the API or the editor. On an update, a member left null stays as it is.</summary>
public sealed partial record TemplateInput
{
    public string? Alias { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public TemplateContent? Content { get; init; }

    /// <summary>Reads <c>{"alias", "name", "tags", "content"}</c>; every refusal names the field.</summary>
    /// <exception cref="RequestValidationException">The body is not a template.</exception>
    public static TemplateInput Parse(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            throw Bad("body", "The body must be a JSON object: {\"alias\", \"name\", \"tags\", \"content\"}.");
        }

        foreach (var key in root.Select(p => p.Key))
        {
            if (key is not ("alias" or "name" or "tags" or "content" or "id"))
            {
                throw Bad(key, $"Unknown field '{key}': a template has alias, name, tags and content.");
            }
        }

        TemplateContent? content = null;
        if (root["content"] is { } node)
        {
            if (node is not JsonObject)
            {
                throw Bad("content", "'content' must be an object keyed by channel: {\"email\": {...}, \"sms\": {...}}.");
            }

            try
            {
                content = node.Deserialize<TemplateContent>(TemplateContent.Json);
            }
            catch (JsonException ex)
            {
                var path = ex.Path is { Length: > 2 } p ? "content." + p[2..] : "content";
                var problem = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a field of a template's content." : "has the wrong type.";
                throw Bad(path, $"'{path}' {problem} A template's content has email (subject, html, text), sms (text), push (title, body, data), chat (text) and inbox (title, body, action_url), all strings but push.data, an object, and an optional subscription_topic_id.");
            }
        }

        List<string>? tags = null;
        if (root["tags"] is { } tagsNode)
        {
            if (tagsNode is not JsonArray array || array.Any(t => t is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                throw Bad("tags", "'tags' must be an array of strings.");
            }

            tags = array.Select(t => t!.GetValue<string>()).ToList();
        }

        return new TemplateInput
        {
            Alias = Text(root, "alias"),
            Name = Text(root, "name"),
            Tags = tags,
            Content = content,
        };
    }

    /// <summary>Checks the fields present; a create also needs alias and name.</summary>
    public void Validate(bool create)
    {
        if (create && string.IsNullOrWhiteSpace(Alias))
        {
            throw Bad("alias", "'alias' is required: the name sends use, e.g. \"welcome\".");
        }

        if (Alias is not null && !AliasPattern().IsMatch(Alias))
        {
            throw Bad("alias", $"'{Alias}' is not a valid alias: use 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
        }

        if (create && string.IsNullOrWhiteSpace(Name))
        {
            throw Bad("name", "'name' is required.");
        }

        if (Name is not null && (Name.Trim().Length == 0 || Name.Length > 200))
        {
            throw Bad("name", "'name' must be 1 to 200 characters.");
        }

        if (Tags is not null && (Tags.Count > 20 || Tags.Any(t => !TagPattern().IsMatch(t.Trim().ToLowerInvariant()))))
        {
            throw Bad("tags", "At most 20 tags, each 1 to 40 letters, digits, '-' or '_'.");
        }

        if (Content?.SubscriptionTopicId is { } topic)
        {
            ResourceId.Validate(topic, "content.subscription_topic_id");
        }

        // Each becomes a header line; see HeaderText.
        foreach (var (title, field) in new[] { (Content?.Email?.Subject, "content.email.subject"), (Content?.Push?.Title, "content.push.title"), (Content?.Inbox?.Title, "content.inbox.title") })
        {
            if (title is not null)
            {
                HeaderText.SingleLine(title, field);
            }
        }
    }

    public static string? NormaliseTags(IEnumerable<string> tags)
    {
        var list = tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Order().ToList();
        return list.Count == 0 ? null : string.Join(',', list);
    }

    private static string? Text(JsonObject root, string name) => root[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Bad(name, $"'{name}' must be a string."),
    };

    private static RequestValidationException Bad(string field, string message) => new(ValidationErrorKind.Invalid, field, message);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex TagPattern();
}
