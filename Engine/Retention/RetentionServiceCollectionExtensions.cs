using Microsoft.Extensions.DependencyInjection;

namespace NotificationOps.Engine.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention options (validated at start), the clean-up job and the storage summary.</summary>
    public static IServiceCollection AddMessageRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<MessageRetentionJob>();
        services.AddSingleton<StorageSummaryQuery>();
        return services;
    }
}
