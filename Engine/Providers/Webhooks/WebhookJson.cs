using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>Parsing helpers for webhook bodies: anything that is not the expected JSON is a FormatException (400).</summary>
public static class WebhookJson
{
    public static JsonNode Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) ?? throw new FormatException("The body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The body is not JSON: {ex.Message}", ex);
        }
    }

    public static JsonObject Object(JsonNode? node, string what) =>
        node as JsonObject ?? throw new FormatException($"{what} must be a JSON object.");

    public static string Required(JsonObject obj, string name) =>
        Text(obj, name) ?? throw new FormatException($"\"{name}\" is missing.");

    /// <summary>A string or number field as text; null when absent.</summary>
    public static string? Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

    public static DateTimeOffset? UnixSeconds(JsonNode? node, string name) =>
        double.TryParse(Text(node, name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    public static DateTimeOffset? Iso(JsonNode? node, string name) =>
        DateTimeOffset.TryParse(Text(node, name), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
