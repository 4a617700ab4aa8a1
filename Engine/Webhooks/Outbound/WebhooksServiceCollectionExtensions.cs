using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Webhooks.Outbound;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Outbound webhooks: endpoints, the outbox (a status change sink), dispatch, delivery, log, retention.</summary>
    public static IServiceCollection AddOutboundWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => WebhookRetrySchedule.TryParse(o.RetrySchedule, out _),
                "Webhooks:RetrySchedule must be comma-separated durations such as 5s,5m,30m,2h (units s, m, h, d).")
            .ValidateOnStart();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookEndpointService>();
        services.AddSingleton<WebhookEndpointRuns>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<IRecoverySource>(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<IStatusChangeSink>(provider => provider.GetRequiredService<WebhookOutbox>());
        services.AddSingleton<IRunChangeSink>(provider => provider.GetRequiredService<WebhookOutbox>());
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookSendsFirst>();
        services.AddTransient<WebhookDeliveryJob>();
        services.AddTransient<WebhookRetentionJob>();
        services.AddHostedService<WebhookDispatchLoop>();
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                OutboundAddressGuard.CreateHandler(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses));
        return services;
    }
}
