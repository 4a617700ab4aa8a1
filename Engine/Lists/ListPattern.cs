using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Lists;

/// <summary>
/// Courier's list-id patterns: ids are dot-separated parts; in a pattern <c>*</c> stands for exactly one part and
/// <c>**</c> for all the remaining parts (one or more). Any other part must match literally.
/// </summary>
public sealed class ListPattern
{
    private readonly string[] parts;

    private ListPattern(string[] parts) => this.parts = parts;

    /// <summary>The literal start every matching id shares: the store narrows with it before matching part by part.</summary>
    public string Prefix { get; private init; } = "";

    public static ListPattern Parse(string pattern, string field = "pattern")
    {
        ResourceId.Validate(pattern, field);
        var parts = pattern.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' has an empty part: parts are separated by single dots.");
            }

            if (parts[i] == "**" && i != parts.Length - 1)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}': '**' may only be the last part.");
            }

            if (parts[i] is not ("*" or "**") && parts[i].Contains('*'))
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}': '*' must be a whole part ('a.*', not 'a*').");
            }
        }

        var literal = parts.TakeWhile(p => p is not ("*" or "**")).ToArray();
        var prefix = literal.Length == parts.Length ? pattern : literal.Length == 0 ? "" : string.Join('.', literal) + ".";
        return new ListPattern(parts) { Prefix = prefix };
    }

    public bool Matches(string listId)
    {
        var ids = listId.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "**")
            {
                return ids.Length > i;
            }

            if (i >= ids.Length || (parts[i] != "*" && parts[i] != ids[i]))
            {
                return false;
            }
        }

        return ids.Length == parts.Length;
    }
}
