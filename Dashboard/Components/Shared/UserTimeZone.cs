namespace NotificationOps.Dashboard.Components.Shared;

/// <summary>
/// The signed-in user's time zone, as their browser reports it (the <c>nops.tz</c> cookie that <c>timezone.js</c>
/// sets on every page, the sign-in page included). Cascaded from <c>Routes</c>; UTC when the browser has not said.
/// </summary>
public sealed class UserTimeZone
{
    public const string CookieName = "nops.tz";

    public static readonly UserTimeZone Utc = new(TimeZoneInfo.Utc);

    public UserTimeZone(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone an IANA id names; UTC for a missing or unknown id (a cookie is user input).</summary>
    public static UserTimeZone FromId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? new UserTimeZone(zone)
            : Utc;

    public DateTimeOffset ToLocal(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

    /// <summary>The one way a time reads everywhere: "2026-11-29 18:25:10 UTC+1" (what <c>Timestamp</c> shows).</summary>
    public string Format(DateTimeOffset value, string pattern = "yyyy-MM-dd HH:mm:ss") =>
        ToLocal(value).ToString(pattern, System.Globalization.CultureInfo.InvariantCulture) + " " + Label(value);

    public string Format(DateTimeOffset? value) => value is { } v ? Format(v) : "—";

    /// <summary>Hours and minutes only, for a chart's time axis: the page names the zone once beside the chart.</summary>
    public string Clock(DateTimeOffset value) => ToLocal(value).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A day counted in UTC (uptime bars, analytics): said to be one, as it need not be the user's day.</summary>
    public static string UtcDay(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " (UTC day)";

    /// <summary>"UTC", or the offset at that moment ("UTC+1", "UTC-4:30"): short, and exact across daylight saving.</summary>
    public string Label(DateTimeOffset value)
    {
        var offset = Zone.GetUtcOffset(value);
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0 ? $"UTC{sign}{abs.Hours}" : $"UTC{sign}{abs.Hours}:{abs.Minutes:00}";
    }
}
