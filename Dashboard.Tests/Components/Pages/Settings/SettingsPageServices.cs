using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

/// <summary>The engine services the Settings page and its panels inject, taken from a test engine (users from its <paramref name="scope"/>).</summary>
public static class SettingsPageServices
{
    public static void AddFrom(BunitContext context, EngineHost engine, IServiceScope scope)
    {
        foreach (var type in new[]
        {
            typeof(ApiKeyService), typeof(ProviderOverviewQuery), typeof(ProviderIntegrationService), typeof(ProviderTestSender),
            typeof(NotificationOps.Engine.Retention.StorageSummaryQuery), typeof(NotificationOps.Engine.Audit.AuditLog),
        })
        {
            context.Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        context.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }
}
