using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Audiences;

/// <summary>
/// One node of an audience filter, as Courier's <c>FilterConfig</c>: a group (<c>AND</c>/<c>OR</c> over nested
/// <c>filters</c>) or a condition (<c>operator</c>, <c>path</c> into the profile with dots, <c>value</c>).
/// </summary>
public sealed record AudienceFilter(string Operator, string? Path, JsonNode? Value, IReadOnlyList<AudienceFilter> Filters)
{
    public static readonly string[] Conditions =
        ["EQ", "NEQ", "GT", "GTE", "LT", "LTE", "EXISTS", "INCLUDES", "OMIT", "STARTS_WITH", "ENDS_WITH", "IS_BEFORE", "IS_AFTER", "MEMBER_OF"];

    public const int MaxDepth = 8;

    // What every profile is compared with, worked out once per filter rather than once per profile (a calculation
    // evaluates the same filter a million times): the path's parts, the value's text and number, INCLUDES' values.
    private readonly string[] parts = Path?.Split('.') ?? [];
    private readonly string? valueText = Text(Value);
    private readonly double? valueNumber = double.TryParse(Text(Value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
    private readonly string[] wanted = Value is JsonArray many ? many.Select(n => Text(n)).OfType<string>().ToArray() : [Text(Value) ?? ""];
    private readonly DateTimeOffset? valueDate = TryDate(Value, out var date) ? date : null;

    /// <summary>Reads a filter tree; an unknown operator or a malformed node is a 400 naming it (e.g. <c>filter.filters[1].operator</c>).</summary>
    public static AudienceFilter Parse(JsonNode? node, string field, int depth = 0)
    {
        if (node is not JsonObject obj)
        {
            throw Invalid(field, $"'{field}' must be an object {{operator, path, value}} or a group {{operator: AND|OR, filters}}.");
        }

        if (depth > MaxDepth)
        {
            throw Invalid(field, $"'{field}': filters nest at most {MaxDepth} deep.");
        }

        var op = obj["operator"] is JsonValue o && o.GetValueKind() == JsonValueKind.String ? o.GetValue<string>().ToUpperInvariant() : null;
        if (op is "AND" or "OR")
        {
            if (obj["filters"] is not JsonArray children || children.Count == 0)
            {
                throw Invalid($"{field}.filters", $"'{field}.filters' must be a non-empty array for a group ({op}).");
            }

            return new AudienceFilter(op, null, null, children.Select((c, i) => Parse(c, $"{field}.filters[{i}]", depth + 1)).ToList());
        }

        if (op is null || !Conditions.Contains(op))
        {
            throw Invalid($"{field}.operator", $"'{field}.operator' must be AND, OR or one of {string.Join(", ", Conditions)}.");
        }

        var path = obj["path"] is JsonValue p && p.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : null;
        if (op != "MEMBER_OF" && string.IsNullOrWhiteSpace(path))
        {
            throw Invalid($"{field}.path", $"'{field}.path' is required for {op}: a dot path into the profile, e.g. 'plan' or 'address.country'.");
        }

        var value = obj["value"];
        if (op != "EXISTS" && value is null)
        {
            throw Invalid($"{field}.value", $"'{field}.value' is required for {op}.");
        }

        if (value is not null and not JsonValue && !(op is "INCLUDES" or "OMIT" && value is JsonArray))
        {
            throw Invalid($"{field}.value", $"'{field}.value' must be a string, number or boolean{(op is "INCLUDES" or "OMIT" ? " (or an array)" : "")}.");
        }

        if (op is "IS_BEFORE" or "IS_AFTER" && !TryDate(value, out _))
        {
            throw Invalid($"{field}.value", $"'{field}.value' must be a date (ISO 8601) for {op}.");
        }

        if (op == "MEMBER_OF" && (value is not JsonValue list || list.GetValueKind() != JsonValueKind.String))
        {
            throw Invalid($"{field}.value", $"'{field}.value' must be a list id for MEMBER_OF.");
        }

        return new AudienceFilter(op, path, value?.DeepClone(), []);
    }

    /// <summary>Whether a profile (its JSON, and the lists its user is subscribed to) passes this node.</summary>
    public bool Matches(JsonObject profile, IReadOnlySet<string> lists) => Matches(JsonSerializer.SerializeToElement(profile), lists);

    /// <summary>
    /// The same over the profile's parsed JSON as it is stored: read in place, without building a <see cref="JsonObject"/>
    /// (its dictionary was most of a calculation's time per profile). A JSON <c>null</c> counts as absent.
    /// </summary>
    public bool Matches(JsonElement profile, IReadOnlySet<string> lists) => Operator switch
    {
        "AND" => Filters.All(f => f.Matches(profile, lists)),
        "OR" => Filters.Any(f => f.Matches(profile, lists)),
        "MEMBER_OF" => lists.Contains(valueText ?? ""),
        _ => Compare(Walk(profile, parts) ?? (Property(profile, "custom") is { ValueKind: JsonValueKind.Object } custom ? Walk(custom, parts) : null)),
    };

    private bool Compare(JsonElement? actual)
    {
        switch (Operator)
        {
            case "EXISTS":
                return actual is not null;
            case "INCLUDES":
                return Includes(actual);
            case "OMIT":
                return !Includes(actual);
        }

        if (actual is null)
        {
            return Operator == "NEQ";
        }

        var (left, right) = (Text(actual), valueText);
        if (left is null || right is null)
        {
            return false;
        }

        switch (Operator)
        {
            case "STARTS_WITH":
                return left.StartsWith(right, StringComparison.Ordinal);
            case "ENDS_WITH":
                return left.EndsWith(right, StringComparison.Ordinal);
            case "IS_BEFORE" or "IS_AFTER":
                return TryDate(actual, out var date) && valueDate is { } bound && (Operator == "IS_BEFORE" ? date < bound : date > bound);
        }

        // Numbers compare as numbers when both sides are numbers, else as strings.
        var order = valueNumber is { } r && double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
            ? l.CompareTo(r)
            : string.CompareOrdinal(left, right);
        return Operator switch
        {
            "EQ" => order == 0,
            "NEQ" => order != 0,
            "GT" => order > 0,
            "GTE" => order >= 0,
            "LT" => order < 0,
            _ => order <= 0,
        };
    }

    private bool Includes(JsonElement? actual)
    {
        return actual switch
        {
            { ValueKind: JsonValueKind.Array } items => items.EnumerateArray().Any(item => Text(item) is { } text && wanted.Contains(text)),
            { ValueKind: JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value =>
                Text(value) is { } text && wanted.Any(w => text.Contains(w, StringComparison.Ordinal)),
            _ => false,
        };
    }

    /// <summary>A dot path into the profile (parts split once); a path not found at the top is looked for under <c>custom</c> too.</summary>
    private static JsonElement? Walk(JsonElement root, string[] parts)
    {
        JsonElement? node = root;
        foreach (var part in parts)
        {
            node = node is { } current ? Property(current, part) : null;
        }

        return node;
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.String => element.Value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.Value.GetRawText(),
        _ => null,
    };

    private static string? Text(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => null,
        }
        : null;

    private static bool TryDate(JsonNode? node, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    private static bool TryDate(JsonElement? element, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(Text(element), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    private static RequestValidationException Invalid(string field, string message) => new(ValidationErrorKind.Invalid, field, message);
}
