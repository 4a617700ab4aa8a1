using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

public sealed class ProvidersPanelTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["PublicUrl"] = "https://notify.acme.test",
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
            ["Providers:sim-email:Priority"] = "10",
        });
        // The panel's real Engine services over the temp database, not stand-ins.
        Services.AddSingleton(engine.Services.GetRequiredService<ProviderOverviewQuery>());
        Services.AddSingleton(engine.Services.GetRequiredService<ProviderIntegrationService>());
        Services.AddSingleton(engine.Services.GetRequiredService<ProviderTestSender>());
    }

    async Task IAsyncLifetime.DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task Panel_ListsConfiguredAndStoredProviders_WithWebhookUrl()
    {
        var saved = await engine.Services.GetRequiredService<ProviderIntegrationService>().SaveAsync(new IntegrationInput
        {
            Id = "twilio-us",
            Type = "twilio",
            Channel = "sms",
            Priority = 5,
            Settings = { ["AccountSid"] = "AC1", ["AuthToken"] = "super-secret-token", ["From"] = "+15005550006" },
        }, existingId: null);
        Assert.True(saved.Ok, saved.Error);

        var panel = Render<ProvidersPanel>();

        panel.WaitForAssertion(() =>
        {
            var rows = panel.FindAll("[data-testid=provider-row]");
            Assert.Equal(["sim-email", "twilio-us"], rows.Select(r => r.GetAttribute("data-provider")));
            Assert.Single(panel.FindAll("[data-testid=from-configuration]"));
            Assert.Equal("https://notify.acme.test/webhooks/twilio/twilio-us", panel.Find("[data-testid=webhook-url]").TextContent);
            Assert.Equal(["enabled", "enabled"], panel.FindAll("[data-testid=provider-state]").Select(s => s.TextContent.Trim()));
            // Stored providers can be edited and deleted; configured ones cannot.
            Assert.Single(panel.FindAll("[data-testid=delete-provider]"));
            Assert.DoesNotContain("super-secret-token", panel.Markup);
        });
    }

    [Fact]
    public void Panel_ShowsEveryProvidersMappingTable()
    {
        var panel = Render<ProvidersPanel>();

        var tables = panel.FindAll("[data-testid=mapping-table]");
        Assert.Equal(StatusMappings.All.Select(t => t.ProviderType), tables.Select(t => t.GetAttribute("data-provider")));
        Assert.Contains("SendGrid (12 event values)", panel.Markup);
    }

    [Fact]
    public void MappingTables_SayWhatEachProviderWordBecomes()
    {
        var tables = Render<ProviderMappingTables>();

        var rows = tables.FindAll("[data-testid=mapping-row]");
        Assert.Equal(StatusMappings.All.Sum(t => t.Rules.Count), rows.Count);
        var deferred = rows.Single(r => r.TextContent.Contains("deferred", StringComparison.Ordinal) && r.TextContent.Contains("SendGrid keeps retrying", StringComparison.Ordinal));
        Assert.Contains("history only, status stays", deferred.TextContent);
    }
}
