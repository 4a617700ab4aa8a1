namespace NotificationOps.Engine.Validation;

/// <summary>
/// What kind of refusal a <see cref="RequestValidationException"/> is. The core says what went wrong; only the
/// API turns a kind into an HTTP status (<c>Api/ApiErrors</c>), so the core knows no HTTP.
/// </summary>
public enum ValidationErrorKind
{
    /// <summary>Malformed or missing input: the request cannot be read as asked.</summary>
    Invalid,

    /// <summary>Something the request names does not exist.</summary>
    NotFound,

    /// <summary>The request clashes with the current state (an alias taken, a concurrent edit).</summary>
    Conflict,

    /// <summary>Well-formed, but the values cannot be acted on (an unknown channel, a bad address).</summary>
    Unprocessable,
}
