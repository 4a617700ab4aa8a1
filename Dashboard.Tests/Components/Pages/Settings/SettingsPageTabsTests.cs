using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

/// <summary>Issue 17 item 7: the open Settings tab is in the URL, both ways.</summary>
public sealed class SettingsPageTabsTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;
    private IServiceScope scope = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        scope = engine.Services.CreateScope();
        SettingsPageServices.AddFrom(this, engine, scope);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        scope.Dispose();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task Tab_OpensFromTheUrl_AndAPickGoesIntoTheUrl()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/settings?tab=audit");
        var settings = Render<SettingsPage>();

        Assert.Contains("Audit", settings.Find(".mud-tab-active").TextContent, StringComparison.OrdinalIgnoreCase);
        await settings.FindAll(".mud-tab").First(t => t.TextContent.Contains("Providers", StringComparison.OrdinalIgnoreCase)).ClickAsync(new());

        Assert.EndsWith("/settings?tab=providers", navigation.Uri);
    }
}
