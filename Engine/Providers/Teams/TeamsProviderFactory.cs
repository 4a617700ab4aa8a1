using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Teams;

public sealed class TeamsProviderFactory(IHttpClientFactory httpClients, TimeProvider time)
    : HttpProviderFactory<TeamsOptions>(httpClients, time)
{
    public override string Type => TeamsProvider.TypeName;

    protected override IReadOnlyList<string> AllowedChannels => [Channels.Chat];

    protected override IDeliveryProvider Build(string id, ProviderOptions common, TeamsOptions options, HttpClient http) =>
        new TeamsProvider(id, common, options, http, Time);
}
