using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotificationOps.Engine.Hosting;

namespace NotificationOps.Engine.Tracking;

public static class TrackingServiceCollectionExtensions
{
    /// <summary>Tracking: options, tokens, link rewriting, the hit writer, aggregation and its queries.</summary>
    public static IServiceCollection AddNotificationTracking(this IServiceCollection services)
    {
        services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackingKeyStore>();
        services.TryAddSingleton<PublicUrls>();
        services.AddSingleton<TrackingUrls>();
        services.AddSingleton<TrackingDecorator>();
        services.AddSingleton<ClientAddressResolver>();
        services.AddSingleton<TrackingHitWriter>();
        services.AddTransient<TrackingAggregationJob>();
        services.AddSingleton<TrackingAnalytics>();
        return services;
    }
}
