using System.Globalization;
using System.Text.RegularExpressions;

namespace NotificationOps.Engine.Automations;

/// <summary>A delay step's <c>duration</c> as Courier writes it: "30 seconds", "5 minutes", "2 hours", "1 day", "1 week".</summary>
public static partial class AutomationDuration
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        unit = unit.Length > 2 && unit.EndsWith('s') ? unit[..^1] : unit; // "minutes" → "minute"; "ms" and "s" stay
        var seconds = unit switch
        {
            "ms" or "millisecond" => n / 1000,
            "s" or "sec" or "second" => n,
            "m" or "min" or "minute" => n * 60,
            "h" or "hr" or "hour" => n * 3600,
            "d" or "day" => n * 86_400,
            "w" or "week" => n * 604_800,
            _ => double.NaN,
        };
        return double.IsNaN(seconds) || seconds > Max.TotalSeconds ? null : TimeSpan.FromSeconds(seconds);
    }

    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<unit>ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
