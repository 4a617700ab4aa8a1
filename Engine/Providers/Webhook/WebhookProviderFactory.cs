using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Providers.Webhook;

public sealed class WebhookProviderFactory(IHttpClientFactory httpClients, TimeProvider time) : IDeliveryProviderFactory
{
    public const string HttpClientName = "providers";

    public string Type => WebhookProvider.TypeName;

    public IDeliveryProvider Create(string id, ProviderOptions common, IConfigurationSection section)
    {
        var options = new WebhookOptions();
        section.Bind(options);
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{section.Path}:Url must be an absolute http(s) URL.");
        }

        return new WebhookProvider(id, common, options, httpClients.CreateClient(HttpClientName), time);
    }
}
