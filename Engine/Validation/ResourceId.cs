using System.Buffers.Text;
using System.Text;

namespace NotificationOps.Engine.Validation;

/// <summary>
/// Ids that callers choose (list ids, audience ids, user ids in a path): checked once here so every resource refuses the
/// same things, and decoded from a path segment the same way.
/// </summary>
public static class ResourceId
{
    public const int MaxLength = 255;

    /// <summary>The id from a route value: the SDK percent-encodes '/' as %2F, which the server leaves encoded in the segment.</summary>
    public static string FromPath(string segment) =>
        segment.Contains('%') ? segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : segment;

    /// <summary>Throws a 400 naming <paramref name="field"/> unless the id is 1 to 255 characters without control characters.</summary>
    public static string Validate(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must not be empty.");
        }

        if (id.Length > MaxLength)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be at most {MaxLength} characters (got {id.Length}).");
        }

        if (id.Any(char.IsControl))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must not contain control characters.");
        }

        return id;
    }

    /// <summary>An opaque keyset cursor carrying the last key of a page.</summary>
    public static string EncodeCursor(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastKey));

    /// <summary>The last key a cursor carries; a cursor we did not hand out is a 400 on <c>cursor</c>.</summary>
    public static string? DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "cursor", "'cursor' is not a cursor this API handed out.");
        }
    }
}
