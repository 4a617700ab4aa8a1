using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Audiences;

/// <summary>An audience's rule: AND or OR over its top-level filters. With no filters it matches nobody (never "everyone" by accident).</summary>
public sealed record AudienceDefinition(string Operator, IReadOnlyList<AudienceFilter> Filters)
{
    public bool Matches(JsonObject profile, IReadOnlySet<string> lists) => Matches(JsonSerializer.SerializeToElement(profile), lists);

    public bool Matches(JsonElement profile, IReadOnlySet<string> lists) =>
        Filters.Count > 0 && (Operator == "OR" ? Filters.Any(f => f.Matches(profile, lists)) : Filters.All(f => f.Matches(profile, lists)));

    public bool UsesLists => ListIds.Count > 0;

    /// <summary>The lists its <c>MEMBER_OF</c> conditions name, at any depth: a change to their subscriptions may change its members.</summary>
    public IReadOnlySet<string> ListIds { get; } = Filters.SelectMany(ListsOf).ToHashSet(StringComparer.Ordinal);

    public static AudienceDefinition FromStored(string op, string filterJson) =>
        new(op, (JsonNode.Parse(filterJson) as JsonArray ?? []).Select((f, i) => AudienceFilter.Parse(f, $"filter.filters[{i}]")).ToList());

    /// <summary><c>operator</c> (AND|OR) and <c>filter: {filters: [...]}</c> from a PUT body; 400 naming the field otherwise.</summary>
    public static (string? Operator, JsonArray? Filters) Read(JsonObject body)
    {
        string? op = null;
        if (body["operator"] is { } o)
        {
            op = o is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().ToUpperInvariant() : null;
            if (op is not ("AND" or "OR"))
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, "operator", "'operator' must be AND or OR.");
            }
        }

        JsonArray? filters = null;
        if (body["filter"] is { } filter)
        {
            if (filter is not JsonObject f || f["filters"] is not JsonArray list)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, "filter", "'filter' must be {\"filters\": [...]}.");
            }

            for (var i = 0; i < list.Count; i++)
            {
                AudienceFilter.Parse(list[i], $"filter.filters[{i}]");
            }

            filters = (JsonArray)list.DeepClone();
        }

        return (op, filters);
    }

    private static IEnumerable<string> ListsOf(AudienceFilter filter) =>
        filter.Operator == "MEMBER_OF" ? [filter.Value!.GetValue<string>()] : filter.Filters.SelectMany(ListsOf);
}
