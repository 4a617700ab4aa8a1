using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Sending;

/// <summary>Reads a <c>{list_id}</c>, <c>{list_pattern}</c> or <c>{audience_id}</c> recipient; every refusal names the field.</summary>
public static class RecipientGroups
{
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

        foreach (var key in recipient.Select(p => p.Key).Where(k => k is not (RecipientGroup.List or RecipientGroup.ListPattern or RecipientGroup.Audience or "data")))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, $"{field}.{key}", $"'{field}.{key}' is not supported on a {kind} recipient (only 'data').");
        }

        return new RecipientGroup(kind, text, recipient["data"]?.DeepClone() as JsonObject);
    }
}
