using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Providers.Http;

/// <summary>Reading one field out of a provider's answer without failing on a body that is not JSON.</summary>
public static class JsonFields
{
    public static JsonObject? Object(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(string body, string name) => String(Object(body), name);

    public static string? String(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;
}
