using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>Parsing helpers for webhook bodies: anything that is not the expected JSON is a FormatException (400).</summary>
public static class WebhookJson
{
    /// <summary>Strict (<see cref="StrictJson"/>): a lone surrogate or a duplicate key is a 400 naming the field, not a 500 later.</summary>
    public static JsonNode Parse(string body) => StrictJson.Parse(body);

    public static JsonObject Object(JsonNode? node, string what) =>
        node as JsonObject ?? throw new FormatException($"{what} must be a JSON object.");

    public static string Required(JsonObject obj, string name) =>
        Text(obj, name) ?? throw new FormatException($"\"{name}\" is missing.");

    /// <summary>A string or number field as text; null when absent.</summary>
    public static string? Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

    /// <summary>A Unix time in seconds; one outside the years 1970–9999 is a FormatException naming the field.</summary>
    public static DateTimeOffset? UnixSeconds(JsonNode? node, string name)
    {
        if (!double.TryParse(Text(node, name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        if (!double.IsFinite(seconds) || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw OutOfRange(name, $"\"{name}\" is not a Unix time in range.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }

    /// <summary>A FormatException that carries the field it is about (answered as the error's <c>field</c>).</summary>
    public static FormatException OutOfRange(string field, string message) => new(message) { Data = { ["field"] = field } };

    public static DateTimeOffset? Iso(JsonNode? node, string name) =>
        DateTimeOffset.TryParse(Text(node, name), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
