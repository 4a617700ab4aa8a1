using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Preferences;

/// <summary>The wire names of <see cref="PreferenceStatus"/>: OPTED_IN, OPTED_OUT, REQUIRED.</summary>
public static class PreferenceStatusNames
{
    public static string Of(PreferenceStatus status) => status switch
    {
        PreferenceStatus.OptedOut => "OPTED_OUT",
        PreferenceStatus.Required => "REQUIRED",
        _ => "OPTED_IN",
    };

    /// <summary>The status named by <paramref name="name"/>; anything else is a 400 on <paramref name="field"/>.</summary>
    public static PreferenceStatus Parse(string? name, string field) => name switch
    {
        "OPTED_IN" => PreferenceStatus.OptedIn,
        "OPTED_OUT" => PreferenceStatus.OptedOut,
        "REQUIRED" => PreferenceStatus.Required,
        _ => throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be OPTED_IN, OPTED_OUT or REQUIRED."),
    };
}
