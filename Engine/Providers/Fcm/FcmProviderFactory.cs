using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Fcm;

public sealed class FcmProviderFactory(IHttpClientFactory httpClients, TimeProvider time)
    : HttpProviderFactory<FcmOptions>(httpClients, time)
{
    private readonly IHttpClientFactory clients = httpClients;

    public override string Type => FcmProvider.TypeName;

    protected override IReadOnlyList<string> AllowedChannels => [Channels.Push];

    protected override IDeliveryProvider Build(string id, ProviderOptions common, FcmOptions options, HttpClient http)
    {
        var account = FcmServiceAccount.Parse(options.ServiceAccountJson);
        var tokenUrl = new Uri(string.IsNullOrWhiteSpace(options.TokenUrl) ? account.TokenUri : options.TokenUrl);
        var tokens = new FcmAccessTokens(account, tokenUrl, clients.CreateClient(Webhook.WebhookProviderFactory.HttpClientName), Time);
        return new FcmProvider(id, common, options, account, tokens, http, Time);
    }
}
