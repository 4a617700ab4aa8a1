using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Providers.Fcm;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Providers.Mailgun;
using NotificationOps.Engine.Providers.Postmark;
using NotificationOps.Engine.Providers.SendGrid;
using NotificationOps.Engine.Providers.Ses;
using NotificationOps.Engine.Providers.Slack;
using NotificationOps.Engine.Providers.Teams;
using NotificationOps.Engine.Providers.Twilio;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers;

public static class ProvidersServiceCollectionExtensions
{
    /// <summary>The real providers' factories (besides simulated, smtp and webhook) and what they share.</summary>
    public static IServiceCollection AddProviderIntegrations(this IServiceCollection services)
    {
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<IDeliveryProviderFactory, SendGridProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory, PostmarkProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory, MailgunProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory, SesProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory, TwilioProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory, SlackProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory, TeamsProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory, FcmProviderFactory>();
        services.AddSingleton<ISnsClient, SnsClient>();
        services.AddSingleton<IProviderWebhook, SendGridWebhook>();
        services.AddSingleton<IProviderWebhook, PostmarkWebhook>();
        services.AddSingleton<IProviderWebhook, MailgunWebhook>();
        services.AddSingleton<IProviderWebhook, SesWebhook>();
        services.AddSingleton<IProviderWebhook, TwilioWebhook>();
        services.AddSingleton<ProviderWebhookProcessor>();
        services.AddSingleton<ProviderIntegrationService>();
        services.AddSingleton<ProviderOverviewQuery>();
        services.AddSingleton<ProviderTestSender>();
        return services;
    }
}
