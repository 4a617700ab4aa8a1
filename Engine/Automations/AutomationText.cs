using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Fills <c>{{path}}</c> placeholders (a cancelation token such as <c>order-{{order_id}}</c>) from the run's data;
/// <c>{{data.x}}</c>, <c>{{profile.x}}</c> and <c>{{refs.x}}</c> name the other values. Unknown paths become empty.
/// </summary>
public static partial class AutomationText
{
    public static string Render(string text, JsonObject data, JsonObject profile, JsonObject refs) =>
        Placeholder().Replace(text, match =>
        {
            var path = match.Groups[1].Value.Split('.');
            JsonNode? node = path[0] switch
            {
                "data" when path.Length > 1 => Walk(data, path[1..]),
                "profile" when path.Length > 1 => Walk(profile, path[1..]),
                "refs" when path.Length > 1 => Walk(refs, path[1..]),
                _ => Walk(data, path),
            };
            return node switch
            {
                null => string.Empty,
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                _ => node.ToJsonString(),
            };
        });

    private static JsonNode? Walk(JsonNode? node, IEnumerable<string> path)
    {
        foreach (var part in path)
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
