namespace NotificationOps.Dashboard.Components.Pages.Settings;

/// <summary>Settings' tabs in order. Adding a tab is one line here; its key becomes <c>?tab=key</c> and <c>data-testid="tab-key"</c>.</summary>
public static class SettingsTabs
{
    public static readonly IReadOnlyList<SettingsTab> All =
    [
        new("api-keys", "API keys", typeof(ApiKeysPanel), AdminOnly: true),
        new("providers", "Providers", typeof(ProvidersPanel), AdminOnly: true),
        new("users", "Users", typeof(UsersPanel), AdminOnly: true),
        new("webhooks", "Webhooks", typeof(NotificationOps.Dashboard.Components.Pages.Webhooks.WebhooksPanel), AdminOnly: true),
        new("password", "Password", typeof(PasswordPanel), AdminOnly: false),
        new("storage", "Storage", typeof(StoragePanel), AdminOnly: false),
        new("preferences", "Preferences", typeof(PreferencesPanel), AdminOnly: false),
        new("audit", "Audit", typeof(AuditPanel), AdminOnly: true),
        new("alerts", "Alerts", typeof(AlertsPanel), AdminOnly: true),
    ];
}
