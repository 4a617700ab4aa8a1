using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>Reads the preference and topic bodies; every refusal names the field.</summary>
public static class PreferenceRequests
{
    /// <summary><c>{topic: {status, has_custom_routing?, custom_routing?}}</c>.</summary>
    public static (PreferenceStatus Status, bool HasCustomRouting, string? CustomRouting) ReadTopicPreference(JsonNode? body)
    {
        if (body is not JsonObject root || root["topic"] is not JsonObject topic)
        {
            throw Invalid("topic", "The body must be {\"topic\": {\"status\": ...}}.");
        }

        var status = PreferenceStatusNames.Parse(String(topic["status"], "topic.status"), "topic.status");
        var hasCustom = topic["has_custom_routing"] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw Invalid("topic.has_custom_routing", "'topic.has_custom_routing' must be a boolean."),
        };
        var routing = PreferenceChannels.Store(Strings(topic["custom_routing"], "topic.custom_routing"), "topic.custom_routing");
        if (hasCustom && routing is null)
        {
            throw Invalid("topic.custom_routing", "'topic.has_custom_routing' is true: 'topic.custom_routing' must list at least one channel.");
        }

        return (status, hasCustom, routing);
    }

    /// <summary><c>{name, section?, default_status, default_channels?}</c>.</summary>
    public static TopicInput ReadTopic(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            throw Invalid("body", "The body must be a JSON object.");
        }

        var name = String(root["name"], "name");
        if (string.IsNullOrWhiteSpace(name) || name.Length > ResourceId.MaxLength)
        {
            throw Invalid("name", $"'name' must be 1 to {ResourceId.MaxLength} characters.");
        }

        var section = root["section"] is null ? null : String(root["section"], "section");
        var status = root["default_status"] is null ? PreferenceStatus.OptedIn : PreferenceStatusNames.Parse(String(root["default_status"], "default_status"), "default_status");
        var channels = PreferenceChannels.Store(Strings(root["default_channels"], "default_channels"), "default_channels");
        return new TopicInput(name, string.IsNullOrWhiteSpace(section) ? null : section, status, channels);
    }

    private static string String(JsonNode? node, string field) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw Invalid(field, $"'{field}' is required: a string.");

    private static List<string>? Strings(JsonNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw Invalid(field, $"'{field}' must be an array of channel names.");
        }

        return array.Select((item, i) => String(item, $"{field}[{i}]")).ToList();
    }

    private static RequestValidationException Invalid(string field, string message) => new(ValidationErrorKind.Invalid, field, message);
}
