using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotificationOps.Dashboard.Components.Pages.Audiences;

/// <summary>
/// One node of the audience editor's tree, as the form edits it: a group (AND/OR over children) or a condition
/// (operator, path, value as typed). Converts to and from the stored <c>filters</c> JSON; the engine's
/// <c>AudienceFilter.Parse</c> stays the one judge of what is valid.
/// </summary>
public sealed class FilterNode
{
    public bool IsGroup { get; private init; }

    public string Operator { get; set; } = "EQ";

    public string Path { get; set; } = string.Empty;

    /// <summary>The value as typed: a string, or for INCLUDES/OMIT a JSON array (<c>["a","b"]</c>) meaning any of them.</summary>
    public string Value { get; set; } = string.Empty;

    public List<FilterNode> Children { get; } = [];

    public static FilterNode Group(string op = "AND") => new() { IsGroup = true, Operator = op };

    public static FilterNode Condition() => new() { Operator = "EQ" };

    /// <summary>The editor's root: the audience's operator over its stored top-level filters.</summary>
    public static FilterNode FromAudience(string op, string filterJson)
    {
        var root = Group(op);
        foreach (var child in JsonNode.Parse(filterJson) as JsonArray ?? [])
        {
            root.Children.Add(FromJson(child));
        }

        return root;
    }

    public static FilterNode FromJson(JsonNode? node)
    {
        var obj = node as JsonObject ?? [];
        var op = (obj["operator"] as JsonValue)?.ToString().ToUpperInvariant() ?? "EQ";
        if (op is "AND" or "OR")
        {
            var group = Group(op);
            group.Children.AddRange((obj["filters"] as JsonArray ?? []).Select(FromJson));
            return group;
        }

        return new FilterNode
        {
            Operator = op,
            Path = (obj["path"] as JsonValue)?.ToString() ?? string.Empty,
            Value = obj["value"] switch
            {
                null => string.Empty,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                var other => other.ToJsonString(),
            },
        };
    }

    /// <summary>The children as the stored <c>filters</c> array (for the root: the audience's top level).</summary>
    public JsonArray ChildrenJson() => new(Children.Select(c => (JsonNode)c.ToJson()).ToArray());

    public JsonObject ToJson()
    {
        if (IsGroup)
        {
            return new JsonObject { ["operator"] = Operator, ["filters"] = ChildrenJson() };
        }

        var json = new JsonObject { ["operator"] = Operator };
        if (Operator != "MEMBER_OF")
        {
            json["path"] = Path.Trim();
        }

        if (Operator != "EXISTS")
        {
            json["value"] = ValueJson();
        }

        return json;
    }

    private JsonNode ValueJson()
    {
        var text = Value.Trim();
        if (Operator is "INCLUDES" or "OMIT" && text.StartsWith('['))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonArray array)
                {
                    return array;
                }
            }
            catch (JsonException)
            {
                // Not an array after all: the text is the value.
            }
        }

        return JsonValue.Create(text);
    }
}
