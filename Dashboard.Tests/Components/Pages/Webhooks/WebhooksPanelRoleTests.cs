using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Components.Pages.Webhooks;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Webhooks;

/// <summary>
/// Settings → Webhooks, per role: the tab is an Admin's, and each handler, called as a tampered circuit would, changes
/// the store only for an Admin; Editor and Viewer get the refusal and no dialog.
/// </summary>
public sealed class WebhooksPanelRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;
    private IServiceScope scope = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Administer(
        "webhook-create", "webhook-toggle", "webhook-rotate", "webhook-test", "webhook-delete", "webhook-replay");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        foreach (var type in new[]
        {
            typeof(WebhookEndpointService), typeof(WebhookDeliveryLog), typeof(ApiKeyService),
            typeof(NotificationOps.Engine.Retention.StorageSummaryQuery), typeof(NotificationOps.Engine.Audit.AuditLog),
        })
        {
            Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        scope = engine.Services.CreateScope();
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        scope.Dispose();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesWebhooksOnlyForAdmin(string action, string role, bool allowed)
    {
        var endpoints = engine.Services.GetRequiredService<WebhookEndpointService>();
        var existing = (await endpoints.CreateAsync(new WebhookEndpointChange { Url = "https://93.184.216.34/existing", Enabled = false })).Endpoint;
        var delivery = await engine.Services.GetRequiredService<WebhookDeliveryLog>().SendTestAsync(existing.Id);
        await using (var db = engine.CreateContext())
        {
            await db.WebhookDeliveries.ExecuteUpdateAsync(set => set.SetProperty(d => d.State, WebhookDeliveryState.Failed));
        }

        SignInAs(role);
        var settings = Render<SettingsPage>();
        Assert.Equal(allowed, settings.FindAll(".mud-tab").Any(t => t.TextContent.Contains("Webhooks", StringComparison.Ordinal)));
        settings.Dispose();
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<WebhooksPanel>();

        bool changed;
        await using (var db = engine.CreateContext())
        {
            switch (action)
            {
                case "webhook-create":
                    Handler.SetField(panel, "newUrl", "https://93.184.216.34/new");
                    await Handler.InvokeAsync(panel, "CreateAsync");
                    changed = await db.WebhookEndpoints.AnyAsync(e => e.Url == "https://93.184.216.34/new");
                    Assert.Equal(allowed, panel.FindAll("[data-testid=webhook-secret]").Count == 1);
                    break;
                case "webhook-toggle":
                    await Handler.InvokeAsync(panel, "SetEnabledAsync", existing, true);
                    changed = (await db.WebhookEndpoints.SingleAsync()).Enabled;
                    break;
                case "webhook-rotate":
                    await Handler.InvokeConfirmingAsync(panel, dialogs, "Rotate", "RotateAsync", existing);
                    changed = (await db.WebhookEndpoints.SingleAsync()).ProtectedPreviousSecret is not null;
                    break;
                case "webhook-test":
                    await Handler.InvokeAsync(panel, "TestAsync", existing);
                    changed = await db.WebhookDeliveries.CountAsync() == 2;
                    break;
                case "webhook-delete":
                    await Handler.InvokeConfirmingAsync(panel, dialogs, "Delete", "DeleteAsync", existing);
                    changed = !await db.WebhookEndpoints.AnyAsync();
                    break;
                default:
                    var log = Render<WebhookDeliveryLogView>(p => p.Add(x => x.Endpoint, existing));
                    await Handler.InvokeAsync(log, "ReplayAsync", delivery);
                    changed = (await db.WebhookDeliveries.SingleAsync()).State == WebhookDeliveryState.Pending;
                    break;
            }
        }

        Assert.True(allowed == changed, string.Join(" | ", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(b => b.Message)));
        if (!allowed)
        {
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }

    [Fact]
    public async Task DeliveryLog_ShowsRequestAndAttempts_AndTheSecretIsShownOnlyOnce()
    {
        SignInAs(DashboardRoles.Admin);
        var panel = Render<WebhooksPanel>();
        Handler.SetField(panel, "newUrl", "https://93.184.216.34/shown-once");
        await Handler.InvokeAsync(panel, "CreateAsync");
        var secret = panel.Find("[data-testid=webhook-secret]").TextContent;
        Assert.StartsWith("whsec_", secret);

        var again = Render<WebhooksPanel>();
        Assert.DoesNotContain(secret, again.Markup);
        Assert.Contains("https://93.184.216.34/shown-once", again.Markup);

        var endpoint = (await engine.Services.GetRequiredService<WebhookEndpointService>().ListAsync()).Single();
        await engine.Services.GetRequiredService<WebhookDeliveryLog>().SendTestAsync(endpoint.Id);
        var log = Render<WebhookDeliveryLogView>(p => p.Add(x => x.Endpoint, endpoint));
        Assert.Single(log.FindAll("[data-testid=webhook-delivery]"));
        Assert.Contains("webhook:test", log.Markup);
    }
}
