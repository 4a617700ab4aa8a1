using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

/// <summary>
/// Settings → Preferences (subscription topics), per role: every role sees the tab; each handler, called as a tampered
/// circuit would, changes topics only for an Editor or Admin.
/// </summary>
public sealed class PreferencesPanelRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("topic-create", "topic-edit", "topic-delete");

    private PreferenceService Preferences => engine.Services.GetRequiredService<PreferenceService>();

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        Services.AddSingleton(Preferences);
        await Preferences.UpsertTopicAsync("news", new TopicInput("News", "Marketing", PreferenceStatus.OptedIn, null));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesTopicsOnlyForEditorOrAdmin(string action, string role, bool allowed)
    {
        SignInAs(role);
        Assert.Contains(SettingsTabs.All, t => t.Key == "preferences" && !t.AdminOnly);
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<PreferencesPanel>();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=topic-row-name]")));
        Assert.Equal(!allowed, panel.Find("[data-testid=topic-edit]").HasAttribute("disabled"));
        var news = (await Preferences.TopicAsync("news"))!;

        switch (action)
        {
            case "topic-create":
                Handler.SetField(panel, "topicId", "billing");
                Handler.SetField(panel, "name", "Billing");
                Handler.SetField(panel, "defaultStatus", PreferenceStatus.Required);
                await Handler.InvokeAsync(panel, "SaveAsync");
                break;
            case "topic-edit":
                await panel.InvokeAsync(() => Call(panel, "Edit", news));
                Handler.SetField(panel, "name", "Newsletter");
                await Handler.InvokeAsync(panel, "SaveAsync");
                break;
            default:
                await Handler.InvokeConfirmingAsync(panel, dialogs, "Delete", "DeleteAsync", news);
                break;
        }

        await using var db = engine.CreateContext();
        var topics = await db.SubscriptionTopics.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        var changed = action switch
        {
            "topic-create" => topics.Any(t => t.Id == "billing" && t.DefaultStatus == PreferenceStatus.Required),
            "topic-edit" => topics.Single().Name == "Newsletter",
            _ => topics.Count == 0,
        };
        Assert.True(allowed == changed, string.Join(" | ", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(b => b.Message)));
        if (!allowed)
        {
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }

    [Fact]
    public async Task Save_StoresDefaultChannels_AndRefusesAnIdThatExists()
    {
        SignInAs(DashboardRoles.Editor);
        var panel = Render<PreferencesPanel>();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=topic-row-name]")));

        Handler.SetField(panel, "topicId", "alerts");
        Handler.SetField(panel, "name", "Alerts");
        Handler.SetField(panel, "section", "Account");
        Handler.SetField(panel, "defaultStatus", PreferenceStatus.OptedOut);
        // Ticked in the opposite order: stored in the channels' fixed order.
        await panel.InvokeAsync(() => Call(panel, "Toggle", "sms", true));
        await panel.InvokeAsync(() => Call(panel, "Toggle", "email", true));
        await Handler.InvokeAsync(panel, "SaveAsync");
        Handler.SetField(panel, "topicId", "news");
        Handler.SetField(panel, "name", "Overwritten");
        await Handler.InvokeAsync(panel, "SaveAsync");

        var alerts = (await Preferences.TopicAsync("alerts"))!;
        Assert.Equal(("Alerts", "Account", PreferenceStatus.OptedOut, "email,sms"), (alerts.Name, alerts.Section, alerts.DefaultStatus, alerts.DefaultChannels));
        Assert.Equal("News", (await Preferences.TopicAsync("news"))!.Name);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message?.Contains("exists already", StringComparison.Ordinal) == true);
        panel.Render(); // a handler called directly does not re-render as a UI event would
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=topic-row-name]").Count));
    }

    // The form's synchronous handlers (fill the form, tick a channel): they change nothing stored, so need no guard.
    private static void Call(IRenderedComponent<PreferencesPanel> panel, string name, params object[] arguments) =>
        typeof(PreferencesPanel).GetMethod(name, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.Invoke(panel.Instance, arguments);
}
