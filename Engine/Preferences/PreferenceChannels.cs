using NotificationOps.Engine.Routing;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Preferences;

/// <summary>Courier's channel classifications (custom routing) to our channels and back; stored comma-separated.</summary>
public static class PreferenceChannels
{
    /// <summary>Courier's names: <c>direct_message</c> is our chat; <c>webhook</c> is accepted and matches no channel of ours.</summary>
    public static readonly string[] Classifications = ["direct_message", "email", "push", "sms", "webhook", "inbox"];

    public static string ToChannel(string classification) => classification == "direct_message" ? Channels.Chat : classification;

    public static string ToClassification(string channel) => channel == Channels.Chat ? "direct_message" : channel;

    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Checks Courier classifications and stores them as our channel names; a bad one is a 400 naming its index.</summary>
    public static string? Store(IReadOnlyList<string>? classifications, string field)
    {
        if (classifications is null || classifications.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < classifications.Count; i++)
        {
            if (!Classifications.Contains(classifications[i]))
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, $"{field}[{i}]",
                    $"'{field}[{i}]' must be one of {string.Join(", ", Classifications)} (got '{classifications[i]}').");
            }
        }

        return string.Join(',', classifications.Select(ToChannel).Distinct());
    }
}
