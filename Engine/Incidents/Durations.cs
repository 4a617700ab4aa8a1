namespace NotificationOps.Engine.Incidents;

/// <summary>Durations written for people: "2 min", "1 h 5 m".</summary>
public static class Durations
{
    public static string Window(int seconds) => seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds} s";

    public static string Long(TimeSpan span)
    {
        var minutes = (long)Math.Round(Math.Max(0, span.TotalMinutes));
        return minutes < 60 ? $"{minutes} m" : $"{minutes / 60} h {minutes % 60} m";
    }
}
