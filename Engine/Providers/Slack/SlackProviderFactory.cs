using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Slack;

public sealed class SlackProviderFactory(IHttpClientFactory httpClients, TimeProvider time)
    : HttpProviderFactory<SlackOptions>(httpClients, time)
{
    public override string Type => SlackProvider.TypeName;

    protected override IReadOnlyList<string> AllowedChannels => [Channels.Chat];

    protected override IDeliveryProvider Build(string id, ProviderOptions common, SlackOptions options, HttpClient http) =>
        new SlackProvider(id, common, options, http, Time);
}
