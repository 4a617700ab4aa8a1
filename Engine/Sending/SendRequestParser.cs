using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Validates a Courier-shaped send body. Every refusal names the field, so a bad request gets a clear error
/// and nothing is stored.
/// </summary>
public static partial class SendRequestParser
{
    /// <summary>The longest delay or timeout a send may ask for; <c>delay.until</c> is held to it at intake, against the clock.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(365);

    private const int MaxRecipients = 1000;

    public static SendRequest Parse(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            throw Bad("body", "The body must be a JSON object: {\"message\": {...}}.");
        }

        if (root["message"] is not JsonObject message)
        {
            throw Bad("message", "'message' is required and must be an object.");
        }

        var (recipients, groups) = ParseRecipients(message["to"]);
        var template = OptionalString(message, "template", "message.template");
        var hasContent = message.ContainsKey("content") && message["content"] is not null;
        if (hasContent && !string.IsNullOrWhiteSpace(template))
        {
            // Which one the sender meant is a guess either way; sending the wrong text is worse than a 400.
            throw Bad("message.template", "Give either 'message.content' or 'message.template', not both.");
        }

        if (hasContent)
        {
            SendContentParser.Parse(message["content"]);
        }
        else if (string.IsNullOrWhiteSpace(template))
        {
            throw Bad("message.content", "Either 'message.content' ({title, body}) or 'message.template' is required.");
        }

        if (message["data"] is not null and not JsonObject)
        {
            throw Invalid("message.data", "'message.data' must be an object.");
        }

        var (method, channels) = SendRoutingParser.ParseRouting(message["routing"]);
        SendRoutingParser.ParseChannelOverrides(message["channels"]);
        if (message["providers"] is not null and not JsonObject)
        {
            throw Invalid("message.providers", "'message.providers' must be an object keyed by provider id.");
        }

        ParsePreferences(message["preferences"]);
        var (tags, traceId) = ParseMetadata(message["metadata"]);
        var (delay, delayUntil) = SendTimingParser.ParseDelay(message["delay"]);
        var timeout = SendTimingParser.ParseTimeout(message["timeout"]);

        var withoutTo = (JsonObject)message.DeepClone();
        withoutTo.Remove("to");
        return new SendRequest
        {
            Recipients = recipients,
            Groups = groups,
            Message = withoutTo,
            Template = hasContent ? null : template,
            Tags = tags,
            TraceId = traceId,
            RoutingMethod = method,
            RoutingChannels = channels,
            Delay = delay,
            DelayUntil = delayUntil,
            Timeout = timeout,
        };
    }

    /// <summary><c>message.preferences.subscription_topic_id</c>: the topic the recipients' preferences are checked against at send.</summary>
    private static void ParsePreferences(JsonNode? preferences)
    {
        if (preferences is null)
        {
            return;
        }

        if (preferences is not JsonObject node)
        {
            throw Invalid("message.preferences", "'message.preferences' must be an object: {\"subscription_topic_id\": ...}.");
        }

        if (node["subscription_topic_id"] is { } topic)
        {
            if (topic is not JsonValue value || !value.TryGetValue<string>(out var id))
            {
                throw Invalid("message.preferences.subscription_topic_id", "'message.preferences.subscription_topic_id' must be a string.");
            }

            ResourceId.Validate(id, "message.preferences.subscription_topic_id");
        }
    }

    private static (List<RecipientSpec>, List<RecipientGroup>) ParseRecipients(JsonNode? to)
    {
        if (to is null)
        {
            throw Bad("message.to", "'message.to' is required: a recipient ({\"email\": ...}, {\"user_id\": ...}, {\"phone_number\": ...}) or an array of them.");
        }

        var items = to is JsonArray array ? array.ToList() : [to];
        if (items.Count == 0)
        {
            throw Bad("message.to", "'message.to' has no recipients.");
        }

        if (items.Count > MaxRecipients)
        {
            throw Invalid("message.to", $"At most {MaxRecipients} recipients per request.");
        }

        var recipients = new List<RecipientSpec>(items.Count);
        var groups = new List<RecipientGroup>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = to is JsonArray ? $"message.to[{i}]" : "message.to";
            if (items[i] is not JsonObject recipient)
            {
                throw Invalid(field, $"'{field}' must be an object.");
            }

            if (RecipientGroups.Parse(recipient, field) is { } group)
            {
                groups.Add(group);
                continue;
            }

            var userId = OptionalString(recipient, "user_id", $"{field}.user_id");
            var email = OptionalString(recipient, "email", $"{field}.email");
            var phone = OptionalString(recipient, "phone_number", $"{field}.phone_number");
            if (email is not null && !IsEmail(email))
            {
                throw Invalid($"{field}.email", $"'{email}' is not a valid email address.");
            }

            if (phone is not null)
            {
                phone = NormalisePhone(phone) ?? throw Invalid($"{field}.phone_number", $"'{phone}' is not a valid phone number (E.164, e.g. +14155550123).");
            }

            if (userId is null && email is null && phone is null && !recipient.ContainsKey("slack") && !recipient.ContainsKey("ms_teams"))
            {
                throw Bad(field, $"'{field}' needs a user_id, an email or a phone_number.");
            }

            recipients.Add(new RecipientSpec(userId, email, phone, (JsonObject)recipient.DeepClone()));
        }

        return (recipients, groups);
    }

    private static (IReadOnlyList<string> Tags, string? TraceId) ParseMetadata(JsonNode? node)
    {
        if (node is null)
        {
            return ([], null);
        }

        if (node is not JsonObject metadata)
        {
            throw Invalid("message.metadata", "'message.metadata' must be an object.");
        }

        var tags = new List<string>();
        if (metadata["tags"] is { } tagNode)
        {
            if (tagNode is not JsonArray tagArray)
            {
                throw Invalid("message.metadata.tags", "'message.metadata.tags' must be an array of strings.");
            }

            foreach (var tag in tagArray)
            {
                if (tag is not JsonValue v || v.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetValue<string>()))
                {
                    throw Invalid("message.metadata.tags", "Every tag must be a non-empty string.");
                }

                var text = v.GetValue<string>().Trim();
                if (text.Length > 200 || text.Contains(','))
                {
                    throw Invalid("message.metadata.tags", $"Tag '{text}' is too long or contains a comma.");
                }

                if (!tags.Contains(text))
                {
                    tags.Add(text);
                }
            }
        }

        var traceId = OptionalString(metadata, "trace_id", "message.metadata.trace_id");
        if (traceId is { Length: > 200 })
        {
            throw Invalid("message.metadata.trace_id", "'trace_id' is longer than 200 characters.");
        }

        return (tags, traceId);
    }

    internal static string? OptionalString(JsonObject obj, string name, string field)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid(field, $"'{field}' must be a string.");
        }

        var text = value.GetValue<string>().Trim();
        return text.Length == 0 ? null : text;
    }

    internal static bool IsEmail(string email) =>
        email.Length <= 320
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal);

    internal static string? NormalisePhone(string phone)
    {
        var compact = PhoneSeparators().Replace(phone, string.Empty);
        return PhonePattern().IsMatch(compact) ? compact : null;
    }

    // Internal so the parsers of the body's parts (SendRoutingParser, SendTimingParser) refuse with the same kinds and texts.
    internal static RequestValidationException Bad(string field, string message) => new(ValidationErrorKind.Invalid, field, message);

    internal static RequestValidationException Invalid(string field, string message) => new(ValidationErrorKind.Unprocessable, field, message);

    [GeneratedRegex(@"[\s\-\.\(\)]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^\+?[1-9]\d{6,14}$")]
    private static partial Regex PhonePattern();
}
