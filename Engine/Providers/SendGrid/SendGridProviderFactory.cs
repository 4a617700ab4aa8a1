using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.SendGrid;

public sealed class SendGridProviderFactory(IHttpClientFactory httpClients, TimeProvider time)
    : HttpProviderFactory<SendGridOptions>(httpClients, time)
{
    public override string Type => SendGridProvider.TypeName;

    protected override IReadOnlyList<string> AllowedChannels => [Channels.Email];

    protected override IDeliveryProvider Build(string id, ProviderOptions common, SendGridOptions options, HttpClient http) =>
        new SendGridProvider(id, common, options, http, Time);
}
