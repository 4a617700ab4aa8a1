using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Sending;

/// <summary>Reads a <c>{list_id}</c>, <c>{list_pattern}</c> or <c>{audience_id}</c> recipient; every refusal names the field.</summary>
public static class RecipientGroups
{
    /// <summary>The one filter Courier's SDK allows on an audience recipient: <c>{operator: "MEMBER_OF", path: "account_id", value}</c>.</summary>
    public const string MemberOfOperator = "MEMBER_OF";
    public const string MemberOfPath = "account_id";
    public const int MaxFilters = 20;

    /// <summary>The group <paramref name="recipient"/> names, or null when it is a single recipient.</summary>
    public static RecipientGroup? Parse(JsonObject recipient, string field)
    {
        var kinds = new[] { RecipientGroup.List, RecipientGroup.ListPattern, RecipientGroup.Audience }.Where(recipient.ContainsKey).ToList();
        if (kinds.Count == 0)
        {
            return null;
        }

        if (kinds.Count > 1 || recipient.ContainsKey("user_id") || recipient.ContainsKey("email") || recipient.ContainsKey("phone_number"))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, field,
                $"'{field}' must name one thing: a list_id, a list_pattern, an audience_id, or a single recipient (user_id, email, phone_number).");
        }

        var kind = kinds[0];
        var valueField = $"{field}.{kind}";
        if (recipient[kind] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, valueField, $"'{valueField}' must be a string.");
        }

        var text = ResourceId.Validate(value.GetValue<string>(), valueField);
        if (kind == RecipientGroup.ListPattern)
        {
            ListPattern.Parse(text, valueField);
        }

        if (recipient["data"] is not null and not JsonObject)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, $"{field}.data", $"'{field}.data' must be an object.");
        }

        foreach (var key in recipient.Select(p => p.Key).Where(k => k is not (RecipientGroup.List or RecipientGroup.ListPattern or RecipientGroup.Audience or "data")
                     && !(k == "filters" && kind == RecipientGroup.Audience)))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, $"{field}.{key}",
                $"'{field}.{key}' is not supported on a {kind} recipient (only 'data'{(kind == RecipientGroup.Audience ? " and 'filters'" : "")}).");
        }

        return new RecipientGroup(kind, text, recipient["data"]?.DeepClone() as JsonObject) { MemberOf = MemberOf(recipient["filters"], $"{field}.filters") };
    }

    /// <summary>
    /// An audience recipient's <c>filters</c>: each <c>MEMBER_OF</c> with path <c>account_id</c>. We have no accounts
    /// (tenants); the value names a list, as MEMBER_OF does in audience filters, and the member must be subscribed to it.
    /// </summary>
    private static IReadOnlyList<string> MemberOf(JsonNode? node, string field)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray filters || filters.Count > MaxFilters)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be an array of at most {MaxFilters} filters {{operator: \"MEMBER_OF\", path: \"account_id\", value}}.");
        }

        var lists = new List<string>();
        for (var i = 0; i < filters.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (filters[i] is not JsonObject filter)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, at, $"'{at}' must be an object {{operator: \"MEMBER_OF\", path: \"account_id\", value}}.");
            }

            foreach (var key in filter.Select(p => p.Key).Where(k => k is not ("operator" or "path" or "value")))
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, $"{at}.{key}", $"'{at}.{key}' is not a field of a filter (operator, path, value).");
            }

            if (Text(filter["operator"]) != MemberOfOperator)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, $"{at}.operator", $"'{at}.operator' must be MEMBER_OF (the only filter on an audience recipient).");
            }

            if (filter["path"] is not null && Text(filter["path"]) != MemberOfPath)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, $"{at}.path", $"'{at}.path' must be account_id.");
            }

            if (Text(filter["value"]) is not { } value)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, $"{at}.value", $"'{at}.value' must be a string: the list the members must be subscribed to.");
            }

            lists.Add(ResourceId.Validate(value, $"{at}.value"));
        }

        return lists.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
