namespace NotificationOps.Dashboard.Components.Pages.Settings;

/// <summary>
/// One tab of Settings: its key in the URL (<c>/settings?tab=providers</c>), its title, the panel component it shows,
/// and whether only an Admin sees it (the panel's handlers check again on the server).
/// </summary>
public sealed record SettingsTab(string Key, string Title, Type Panel, bool AdminOnly);
