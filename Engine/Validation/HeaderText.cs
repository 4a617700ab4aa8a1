namespace NotificationOps.Engine.Validation;

/// <summary>
/// Titles and subjects become header lines (an email's Subject, a push title): CR, LF or NUL in one would end the
/// header or cut it short. Text the sender wrote is refused (<see cref="SingleLine"/>); text rendered from data is
/// made one line (<see cref="Flatten"/>). docs/errors.md.
/// </summary>
public static class HeaderText
{
    /// <summary>The text unchanged, or a refusal naming the field when it holds CR, LF or NUL.</summary>
    public static string SingleLine(string text, string field) =>
        text.AsSpan().IndexOfAny('\r', '\n', '\0') < 0
            ? text
            : throw new RequestValidationException(ValidationErrorKind.Invalid, field,
                $"'{field}' must be one line: it contains a line break (CR or LF) or a NUL character.");

    /// <summary>Rendered text on one line: each CR, LF or CRLF becomes a space and NUL is dropped.</summary>
    public static string Flatten(string text) =>
        text.AsSpan().IndexOfAny('\r', '\n', '\0') < 0
            ? text
            : text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace("\0", string.Empty, StringComparison.Ordinal);
}
