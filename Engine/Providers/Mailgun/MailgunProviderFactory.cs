using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Mailgun;

public sealed class MailgunProviderFactory(IHttpClientFactory httpClients, TimeProvider time)
    : HttpProviderFactory<MailgunOptions>(httpClients, time)
{
    public override string Type => MailgunProvider.TypeName;

    protected override IReadOnlyList<string> AllowedChannels => [Channels.Email];

    protected override IDeliveryProvider Build(string id, ProviderOptions common, MailgunOptions options, HttpClient http) =>
        new MailgunProvider(id, common, options, http, Time);
}
