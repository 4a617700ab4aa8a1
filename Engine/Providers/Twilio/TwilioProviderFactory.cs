using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Twilio;

public sealed class TwilioProviderFactory(IHttpClientFactory httpClients, TimeProvider time, PublicUrls urls)
    : HttpProviderFactory<TwilioOptions>(httpClients, time)
{
    public override string Type => TwilioProvider.TypeName;

    protected override IReadOnlyList<string> AllowedChannels => [Channels.Sms];

    protected override IDeliveryProvider Build(string id, ProviderOptions common, TwilioOptions options, HttpClient http) =>
        new TwilioProvider(id, common, options, urls.Webhook(TwilioProvider.TypeName, id), http, Time);
}
