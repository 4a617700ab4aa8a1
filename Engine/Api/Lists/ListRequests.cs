using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>Reads the bodies of the list endpoints; every refusal names the field (a 400 through the API's error mapping).</summary>
public static class ListRequests
{
    public const int MaxRecipients = 10_000;

    public static JsonObject? ParsePreferences(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    /// <summary><c>PUT /lists/{id}</c>: <c>{name, preferences?}</c>.</summary>
    public static (string Name, string? PreferencesJson) ReadListUpdate(JsonNode? body)
    {
        var root = Root(body);
        if (root["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetValue<string>()))
        {
            throw Invalid("name", "'name' is required: a non-empty string.");
        }

        var text = name.GetValue<string>();
        if (text.Length > ResourceId.MaxLength)
        {
            throw Invalid("name", $"'name' must be at most {ResourceId.MaxLength} characters.");
        }

        return (text, Preferences(root["preferences"], "preferences"));
    }

    /// <summary><c>POST/PUT /lists/{id}/subscriptions</c>: <c>{recipients: [{recipientId, preferences?}]}</c>.</summary>
    public static IReadOnlyList<ListRecipient> ReadRecipients(JsonNode? body)
    {
        var items = Array(Root(body), "recipients");
        var recipients = new List<ListRecipient>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"recipients[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw Invalid(field, $"'{field}' must be an object {{\"recipientId\": ...}}.");
            }

            recipients.Add(new ListRecipient(Id(item["recipientId"], $"{field}.recipientId"), Preferences(item["preferences"], $"{field}.preferences")));
        }

        return recipients;
    }

    /// <summary><c>PUT /lists/{id}/subscriptions/{user}</c>: an optional <c>{preferences}</c>.</summary>
    public static string? ReadUserSubscription(JsonNode? body) => body is null ? null : Preferences(Root(body)["preferences"], "preferences");

    /// <summary><c>POST /profiles/{user}/lists</c>: <c>{lists: [{listId, preferences?}]}</c>.</summary>
    public static IReadOnlyList<ListChoice> ReadListChoices(JsonNode? body)
    {
        var items = Array(Root(body), "lists");
        var lists = new List<ListChoice>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"lists[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw Invalid(field, $"'{field}' must be an object {{\"listId\": ...}}.");
            }

            lists.Add(new ListChoice(Id(item["listId"], $"{field}.listId"), Preferences(item["preferences"], $"{field}.preferences")));
        }

        return lists;
    }

    private static JsonObject Root(JsonNode? body) =>
        body as JsonObject ?? throw Invalid("body", "The body must be a JSON object.");

    private static JsonArray Array(JsonObject root, string field)
    {
        if (root[field] is not JsonArray items)
        {
            throw Invalid(field, $"'{field}' is required: an array.");
        }

        if (items.Count > MaxRecipients)
        {
            throw Invalid(field, $"'{field}' may hold at most {MaxRecipients} entries per request (got {items.Count}); send them in several requests.");
        }

        return items;
    }

    private static string Id(JsonNode? node, string field)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid(field, $"'{field}' is required: a string.");
        }

        return ResourceId.Validate(value.GetValue<string>(), field);
    }

    private static string? Preferences(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonObject preferences => preferences.ToJsonString(),
        _ => throw Invalid(field, $"'{field}' must be an object ({{\"categories\": ..., \"notifications\": ...}}) or null."),
    };

    private static RequestValidationException Invalid(string field, string message) => new(ValidationErrorKind.Invalid, field, message);
}
