using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Inbound;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Engine.Automations;

public static class AutomationsServiceCollectionExtensions
{
    /// <summary>Automation runs, their jobs and recovery, templates, inbound events, and fetch-data's guarded HTTP client.</summary>
    public static IServiceCollection AddNotificationAutomations(this IServiceCollection services)
    {
        services.AddOptions<AutomationOptions>().BindConfiguration(AutomationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RunChangeSinks>();
        services.AddSingleton<AutomationInvoker>();
        services.AddSingleton<AutomationRunLeases>();
        services.AddSingleton<AutomationRunner>();
        services.AddSingleton<AutomationStepExecutor>();
        services.AddSingleton<AutomationRunOperations>();
        services.AddSingleton<AutomationRunQueries>();
        services.AddSingleton<AutomationTemplates>();
        services.AddSingleton<AutomationFetcher>();
        services.AddSingleton<AutomationSentMessages>();
        services.AddSingleton<InboundEvents>();
        services.AddSingleton<AutomationBulkRetry>();
        services.AddTransient<AutomationBulkRetryJob>();
        services.AddTransient<AutomationJob>();
        services.AddSingleton<IRecoverySource, AutomationRecoverySource>();
        services.AddHttpClient(AutomationFetcher.HttpClientName, client => client.Timeout = AutomationFetcher.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<AutomationOptions>>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, // the step's data comes from the URL it names, not from wherever that points
                    ConnectCallback = OutboundAddressGuard.ConnectCallback(() => options.CurrentValue.AllowPrivateAddresses),
                    UseProxy = false,
                };
            });
        return services;
    }
}
