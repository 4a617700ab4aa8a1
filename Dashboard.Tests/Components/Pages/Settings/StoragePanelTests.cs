using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Retention;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

public sealed class StoragePanelTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
            ["Retention:MessageDays"] = "90",
        });
        Services.AddSingleton(engine.Services.GetRequiredService<StorageSummaryQuery>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task Panel_ShowsSizeOldestMessageAndRetention_ToAViewer()
    {
        SignInAs(DashboardRoles.Viewer);
        await engine.SendAsync("""{"message": {"to": {"email": "ada@example.com"}, "content": {"title": "Hi", "body": "Hi"}}}""");

        var panel = Render<StoragePanel>();

        panel.WaitForAssertion(() =>
        {
            Assert.Matches(@"^\d+(\.\d)? (bytes|KB|MB|GB)$", panel.Find("[data-testid=database-size]").TextContent.Trim());
            Assert.Equal("1", panel.Find("[data-testid=message-count]").TextContent.Trim());
            // Through the Timestamp component: UTC when no browser zone is cascaded, the zone named.
            Assert.Equal(engine.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC", panel.Find("[data-testid=oldest-message]").TextContent.Trim());
            Assert.Equal("90 days", panel.Find("[data-testid=retention]").TextContent.Trim());
        });
    }
}
