using MudBlazor;

namespace NotificationOps.Dashboard.Components.Layout;

public static class DashboardTheme
{
    /// <summary>
    /// Colours dark enough that white chip text on them, and them as text on white (outlined chips), reach WCAG AA's
    /// 4.5:1 for small text: MudBlazor's defaults give 2.2:1 (success), 2.2:1 (warning), 3.1:1 (info), 3.7:1 (error).
    /// Dashboard.Tests measures every status chip's computed colours.
    /// </summary>
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#ad1457",
            Info = "#0277bd",
            Success = "#2e7d32",
            Warning = "#b45309",
            Error = "#c62828",
            AppbarBackground = "#283593",
        },
    };
}
