using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotificationOps.Engine.Hosting;
using NotificationOps.Engine.Providers.Fcm;
using NotificationOps.Engine.Providers.Http;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Providers.Mailgun;
using NotificationOps.Engine.Providers.Postmark;
using NotificationOps.Engine.Providers.SendGrid;
using NotificationOps.Engine.Providers.Ses;
using NotificationOps.Engine.Providers.Slack;
using NotificationOps.Engine.Providers.Teams;
using NotificationOps.Engine.Providers.Twilio;
using NotificationOps.Engine.Providers.Webhook;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers;

public static class ProvidersServiceCollectionExtensions
{
    /// <summary>The real providers (besides simulated, smtp and webhook), their status webhooks and stored integrations.</summary>
    public static IServiceCollection AddProviderIntegrations(this IServiceCollection services)
    {
        services.TryAddSingleton<PublicUrls>();
        services.AddHttpProvider<SendGridOptions>(SendGridProvider.TypeName, [Channels.Email],
            (sp, id, common, options, http) => new SendGridProvider(id, common, options, http, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpProvider<PostmarkOptions>(PostmarkProvider.TypeName, [Channels.Email],
            (sp, id, common, options, http) => new PostmarkProvider(id, common, options, http, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpProvider<MailgunOptions>(MailgunProvider.TypeName, [Channels.Email],
            (sp, id, common, options, http) => new MailgunProvider(id, common, options, http, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpProvider<TwilioOptions>(TwilioProvider.TypeName, [Channels.Sms],
            (sp, id, common, options, http) => new TwilioProvider(id, common, options,
                sp.GetRequiredService<PublicUrls>().Webhook(TwilioProvider.TypeName, id), http, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpProvider<SlackOptions>(SlackProvider.TypeName, [Channels.Chat],
            (sp, id, common, options, http) => new SlackProvider(id, common, options, http, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpProvider<TeamsOptions>(TeamsProvider.TypeName, [Channels.Chat],
            (sp, id, common, options, http) => new TeamsProvider(id, common, options, http, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpProvider<FcmOptions>(FcmProvider.TypeName, [Channels.Push], (sp, id, common, options, http) =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var account = FcmServiceAccount.Parse(options.ServiceAccountJson);
            var tokenUrl = new Uri(string.IsNullOrWhiteSpace(options.TokenUrl) ? account.TokenUri : options.TokenUrl);
            var tokens = new FcmAccessTokens(account, tokenUrl, sp.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookProviderFactory.HttpClientName), time);
            return new FcmProvider(id, common, options, account, tokens, http, time);
        });
        services.AddSingleton<IDeliveryProviderFactory, SesProviderFactory>();

        services.AddSingleton<ISnsClient, SnsClient>();
        services.AddSingleton<IProviderWebhook, SendGridWebhook>();
        services.AddSingleton<IProviderWebhook, PostmarkWebhook>();
        services.AddSingleton<IProviderWebhook, MailgunWebhook>();
        services.AddSingleton<IProviderWebhook, SesWebhook>();
        services.AddSingleton<IProviderWebhook, TwilioWebhook>();
        services.AddSingleton<ProviderWebhookProcessor>();
        services.AddSingleton<ProviderIntegrationService>();
        services.AddHostedService<ProviderIntegrationRefresher>();
        services.AddSingleton<ProviderOverviewQuery>();
        services.AddSingleton<ProviderTestSender>();
        return services;
    }
}
