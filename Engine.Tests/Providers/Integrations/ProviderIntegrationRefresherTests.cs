using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Integrations;

public sealed class ProviderIntegrationRefresherTests
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Providers:sim-email:Type"] = "simulated",
        ["Providers:sim-email:Channel"] = "email",
    };

    [Fact]
    public async Task Refresher_AppliesAnotherInstancesChanges_OnASharedDatabase_WithoutRestart()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        var (other, registry) = (OtherInstance(engine), engine.Services.GetRequiredService<ProviderRegistry>());
        using var refresher = new ProviderIntegrationRefresher(
            engine.Services.GetRequiredService<ProviderIntegrationService>(), SqlDialects.For(DatabaseProvider.PostgreSql), engine.Time,
            NullLogger<ProviderIntegrationRefresher>.Instance);
        await refresher.StartAsync(CancellationToken.None);

        var saved = await other.SaveAsync(ProviderIntegrationServiceTests.Postmark(new Uri("http://127.0.0.1:9/")), existingId: null);
        Assert.Null(registry.Find("pm"));
        await Eventually.HoldsAsync(() =>
        {
            engine.Time.Advance(ProviderIntegrationRefresher.Interval);
            return registry.Find("pm") is not null;
        }, "the integration added on the other instance in this one's registry");
        await other.DeleteAsync("pm");
        await Eventually.HoldsAsync(() =>
        {
            engine.Time.Advance(ProviderIntegrationRefresher.Interval);
            return registry.Find("pm") is null;
        }, "the integration removed on the other instance gone from this one's registry");

        Assert.True(saved.Ok, saved.Error);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Refresher_DoesNothing_OnSqlite()
    {
        await using var engine = await EngineHost.CreateAsync(Configured, provider: DatabaseProvider.Sqlite);
        var other = OtherInstance(engine);
        using var refresher = new ProviderIntegrationRefresher(
            engine.Services.GetRequiredService<ProviderIntegrationService>(), SqlDialects.For(DatabaseProvider.Sqlite), engine.Time,
            NullLogger<ProviderIntegrationRefresher>.Instance);
        await refresher.StartAsync(CancellationToken.None);
        await other.SaveAsync(ProviderIntegrationServiceTests.Postmark(new Uri("http://127.0.0.1:9/")), existingId: null);

        engine.Time.Advance(ProviderIntegrationRefresher.Interval * 3);
        await refresher.ExecuteTask!;

        Assert.Null(engine.Services.GetRequiredService<ProviderRegistry>().Find("pm"));
    }

    /// <summary>A second instance on the same database: its own registry, the same store and key ring.</summary>
    private static ProviderIntegrationService OtherInstance(EngineHost engine) =>
        ActivatorUtilities.CreateInstance<ProviderIntegrationService>(engine.Services, ActivatorUtilities.CreateInstance<ProviderRegistry>(engine.Services));
}
