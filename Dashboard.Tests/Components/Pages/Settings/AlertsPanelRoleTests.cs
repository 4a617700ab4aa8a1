using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

/// <summary>Settings → Alerts per role: only an Admin adds or removes recipients; bad input changes nothing.</summary>
public sealed class AlertsPanelRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Administer("alert-add", "alert-remove");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        Services.AddSingleton(engine.Services.GetRequiredService<AlertRecipientService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    private AlertRecipientService Recipients => engine.Services.GetRequiredService<AlertRecipientService>();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesRecipientsOnlyForAdmin(string action, string role, bool allowed)
    {
        var existing = await Recipients.AddAsync(AlertRecipientKinds.Email, "existing@example.com", true, true, true);
        SignInAs(role);
        var panel = Render<AlertsPanel>();

        if (action == "alert-add")
        {
            Handler.SetField(panel, "target", "oncall@example.com");
            await Handler.InvokeAsync(panel, "AddAsync");
        }
        else
        {
            await Handler.InvokeAsync(panel, "RemoveAsync", existing.Id);
        }

        var targets = (await Recipients.ListAsync()).Select(r => r.Target).ToList();
        var changed = action == "alert-add" ? targets.Contains("oncall@example.com") : !targets.Contains("existing@example.com");
        Assert.Equal(allowed, changed);
        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }

    [Fact]
    public async Task Add_NotAnEmailAddress_ShowsErrorAndStoresNothing()
    {
        var panel = Render<AlertsPanel>();
        Handler.SetField(panel, "target", "not an address");

        await Handler.InvokeAsync(panel, "AddAsync");

        Assert.Empty(await Recipients.ListAsync());
        panel.Render(); // a handler called directly does not re-render as a UI event would
        Assert.Contains("not an email address", panel.Find("[data-testid=alert-error]").TextContent);
    }
}
