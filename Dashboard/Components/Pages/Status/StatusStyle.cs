using MudBlazor;

namespace NotificationOps.Dashboard.Components.Pages.Status;

/// <summary>Colours and words for component states and incident impacts, the same on the dashboard and public pages.</summary>
public static class StatusStyle
{
    public static Color For(string state) => state switch
    {
        "operational" or "resolved" or "none" => Color.Success,
        "under_maintenance" or "monitoring" => Color.Info,
        "degraded_performance" or "minor" or "identified" => Color.Warning,
        _ => Color.Error,
    };

    public static string Words(string state) => state.Replace('_', ' ');

    /// <summary>The CSS colour of one day of an uptime bar.</summary>
    public static string DayColour(double percent) => percent >= 99.95 ? "#2e7d32" : percent >= 99 ? "#f9a825" : percent >= 95 ? "#ef6c00" : "#c62828";

    public static string Duration(TimeSpan span) => Engine.Incidents.Durations.Long(span);
}
