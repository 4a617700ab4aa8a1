using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Postmark;

public sealed class PostmarkProviderFactory(IHttpClientFactory httpClients, TimeProvider time)
    : HttpProviderFactory<PostmarkOptions>(httpClients, time)
{
    public override string Type => PostmarkProvider.TypeName;

    protected override IReadOnlyList<string> AllowedChannels => [Channels.Email];

    protected override IDeliveryProvider Build(string id, ProviderOptions common, PostmarkOptions options, HttpClient http) =>
        new PostmarkProvider(id, common, options, http, Time);
}
