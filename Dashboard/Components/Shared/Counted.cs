using System.Globalization;

namespace NotificationOps.Dashboard.Components.Shared;

/// <summary>"1 open", "3 opens", "1,200 clicks": a count with its noun in the right number.</summary>
public static class Counted
{
    public static string Of(long count, string noun) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? string.Empty : "s")}";
}
