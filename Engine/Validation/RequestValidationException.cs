namespace NotificationOps.Engine.Validation;

/// <summary>Input that cannot be accepted: the field to fix, what kind of refusal it is, and a sentence saying why.</summary>
public sealed class RequestValidationException(ValidationErrorKind kind, string field, string message) : Exception(message)
{
    public ValidationErrorKind Kind { get; } = kind;

    public string Field { get; } = field;
}
