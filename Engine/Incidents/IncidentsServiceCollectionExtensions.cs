using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Observability;

namespace NotificationOps.Engine.Incidents;

public static class IncidentsServiceCollectionExtensions
{
    /// <summary>Rules, incidents, alerts and the stored metric samples (docs/operations.md).</summary>
    public static IServiceCollection AddNotificationIncidents(this IServiceCollection services)
    {
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StatusPageOptions>().BindConfiguration(StatusPageOptions.SectionName);
        services.AddSingleton<IHealthRule, ProviderFailureRule>();
        services.AddSingleton<IHealthRule, DeliveryDelayRule>();
        services.AddSingleton<IHealthRule, JobServerRule>();
        services.AddSingleton<IHealthRule, TrackingLagRule>();
        services.AddSingleton<IHealthRule, ApiErrorRule>();
        services.AddSingleton<IHealthRule, WebhookEndpointDisabledRule>();
        services.AddSingleton<HealthSnapshotReader>();
        services.AddSingleton<IncidentTracker>();
        services.AddSingleton<IncidentAlerts>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<AlertRecipientService>();
        services.AddSingleton<MetricSampler>();
        services.AddSingleton<MetricSampleQuery>();
        services.AddTransient<IncidentEvaluationJob>();
        services.AddHostedService<IncidentJobRegistrar>();
        return services;
    }
}
