using System.Text.Json.Nodes;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Bulk;

/// <summary>
/// Checks the bodies of <c>POST /api/bulk</c> and <c>POST /api/bulk/{job}</c> against the SDK's types
/// (InboundBulkMessage, InboundBulkMessageUser), and composes a user's send: a 400 names the field, before anything is stored.
/// </summary>
public static class BulkRequests
{
    public const int MaxUsersPerCall = 1000;

    private static readonly string[] MessageKeys = ["event", "template", "content", "brand", "data", "locale", "override"];
    private static readonly string[] UserKeys = ["profile", "recipient", "to", "data", "preferences"];
    private static readonly string[] GroupKeys = [RecipientGroup.List, RecipientGroup.ListPattern, RecipientGroup.Audience];

    /// <summary>The <c>message</c> of a create-job body; checked as a send would be, with a stand-in recipient.</summary>
    public static JsonObject ReadDefinition(JsonNode? body)
    {
        if (body is not JsonObject root || root["message"] is not JsonObject message)
        {
            throw Invalid("message", "'message' is required: {\"event\": ..., \"template\"?, \"content\"?, \"data\"?}.");
        }

        Unknown(message, MessageKeys, "message");
        ResourceId.Validate(Text(message, "event", "message.event") ?? throw Invalid("message.event", "'message.event' is required (an event or template id)."), "message.event");
        if (Text(message, "template", "message.template") is { } template)
        {
            ResourceId.Validate(template, "message.template");
        }

        if (Text(message, "brand", "message.brand") is { } brand)
        {
            ResourceId.Validate(brand, "message.brand");
        }

        foreach (var key in new[] { "content", "data", "locale", "override" })
        {
            if (message[key] is not null and not JsonObject)
            {
                throw Invalid($"message.{key}", $"'message.{key}' must be an object.");
            }
        }

        // Content and data are checked by the send's own parser now, not at run time for every user.
        SendRequestParser.Parse(new JsonObject { ["message"] = Compose(message, new JsonObject { ["recipient"] = "bulk-definition-check" }) });
        return (JsonObject)message.DeepClone();
    }

    /// <summary>The users of an ingest body, each checked and composed against the job's definition.</summary>
    public static List<JsonObject> ReadUsers(JsonNode? body, JsonObject definition)
    {
        if (body is not JsonObject root || root["users"] is not JsonArray users)
        {
            throw Invalid("users", "'users' is required: an array of {profile?, recipient?, to?, data?, preferences?}.");
        }

        if (users.Count == 0 || users.Count > MaxUsersPerCall)
        {
            throw Invalid("users", $"'users' must hold 1 to {MaxUsersPerCall} users per call (got {users.Count}); call again for more.");
        }

        var result = new List<JsonObject>(users.Count);
        for (var i = 0; i < users.Count; i++)
        {
            var field = $"users[{i}]";
            if (users[i] is not JsonObject user)
            {
                throw Invalid(field, $"'{field}' must be an object.");
            }

            Unknown(user, UserKeys, field);
            foreach (var key in new[] { "profile", "to", "preferences" })
            {
                if (user[key] is not null and not JsonObject)
                {
                    throw Invalid($"{field}.{key}", $"'{field}.{key}' must be an object.");
                }
            }

            if (Text(user, "recipient", $"{field}.recipient") is { } recipient)
            {
                ResourceId.Validate(recipient, $"{field}.recipient");
            }

            if (user["to"] is JsonObject to && GroupKeys.FirstOrDefault(to.ContainsKey) is { } group)
            {
                throw Invalid($"{field}.to.{group}", $"'{field}.to.{group}': a bulk user is one person; send to a list with POST /api/send.");
            }

            if (user["to"]?["user_id"] is JsonValue userId && userId.TryGetValue<string>(out var id))
            {
                ResourceId.Validate(id, $"{field}.to.user_id");
            }

            try
            {
                SendRequestParser.Parse(new JsonObject { ["message"] = Compose(definition, user) });
            }
            catch (RequestValidationException e)
            {
                throw Invalid(field, $"'{field}' cannot be sent: {e.Message}");
            }

            result.Add((JsonObject)user.DeepClone());
        }

        return result;
    }

    /// <summary>
    /// The send for one user: the definition's template (or content), its data merged with the user's, and a recipient made of
    /// the user's profile, overlaid by <c>to</c>, with <c>recipient</c> as the user id. <c>locale</c> and <c>override</c> are kept on the job only.
    /// </summary>
    public static JsonObject Compose(JsonObject definition, JsonObject user)
    {
        var message = new JsonObject();
        if (definition["content"] is JsonObject content)
        {
            message["content"] = content.DeepClone();
        }
        else
        {
            message["template"] = (definition["template"] ?? definition["event"])?.DeepClone();
        }

        if (definition["brand"] is { } brand)
        {
            message["brand_id"] = brand.DeepClone();
        }

        var data = definition["data"] is JsonObject shared ? (JsonObject)shared.DeepClone() : new JsonObject();
        if (user["data"] is JsonObject own)
        {
            foreach (var (key, value) in own)
            {
                data[key] = value?.DeepClone();
            }
        }

        message["data"] = data;
        var to = new JsonObject();
        if (user["profile"] is JsonObject profile)
        {
            foreach (var (key, value) in profile.Where(p => !GroupKeys.Contains(p.Key)))
            {
                to[key] = value?.DeepClone();
            }
        }

        if (user["to"] is JsonObject given)
        {
            foreach (var (key, value) in given)
            {
                to[key] = value?.DeepClone();
            }
        }

        if (user["recipient"] is JsonValue recipient && !to.ContainsKey("user_id"))
        {
            to["user_id"] = recipient.DeepClone();
        }

        if (user["preferences"] is JsonObject preferences)
        {
            to["preferences"] = preferences.DeepClone();
        }

        message["to"] = to;
        return message;
    }

    private static string? Text(JsonObject obj, string key, string field) => obj[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw Invalid(field, $"'{field}' must be a string."),
    };

    private static void Unknown(JsonObject obj, string[] known, string field)
    {
        if (obj.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } key)
        {
            throw Invalid($"{field}.{key}", $"'{field}.{key}' is not a field of a bulk {(field == "message" ? "message" : "user")}; known: {string.Join(", ", known)}.");
        }
    }

    private static RequestValidationException Invalid(string field, string message) => new(ValidationErrorKind.Invalid, field, message);
}
