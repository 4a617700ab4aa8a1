using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Observability;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Status;

/// <summary>The engine behind a rendered Status page: a simulated email provider, and the services the page injects.</summary>
internal static class StatusPageEngine
{
    public static async Task<EngineHost> CreateAsync(IServiceCollection services)
    {
        var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        foreach (var type in new[] { typeof(IncidentService), typeof(IncidentAlerts), typeof(MetricSampleQuery), typeof(TimeProvider), typeof(IOptions<StatusPageOptions>) })
        {
            services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        return engine;
    }
}
