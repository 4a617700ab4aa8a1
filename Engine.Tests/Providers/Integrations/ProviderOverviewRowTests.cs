using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Integrations;

namespace NotificationOps.Engine.Tests.Providers.Integrations;

/// <summary>Issue 17, item 2: a provider failing most of its recent attempts is not shown as a green "enabled".</summary>
public sealed class ProviderOverviewRowTests
{
    [Theory]
    [InlineData(true, 0, 0, "enabled")]
    [InlineData(true, 2, 2, "enabled")]
    [InlineData(true, 10, 5, "enabled")]
    [InlineData(true, 10, 6, "failing")]
    [InlineData(true, 20, 20, "failing")]
    [InlineData(false, 20, 20, "disabled")]
    public void State_IsFailing_WhenMostRecentAttemptsFailed(bool enabled, int attempts, int failures, string state)
    {
        var entry = new ProviderIntegrationEntry("hook", "webhook", "email", 10, enabled, ProviderSource.Configuration,
            new ConfigurationBuilder().Build());

        var row = new ProviderOverviewRow(entry, null, null) { RecentAttempts = attempts, RecentFailures = failures };

        Assert.Equal(state, row.State);
    }
}
