using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using NotificationOps.Engine.Providers.Webhook;

namespace NotificationOps.Engine.Providers.Ses;

/// <summary>SNS over HTTPS; certificates are kept per URL (SNS rotates them by publishing a new URL).</summary>
public sealed class SnsClient(IHttpClientFactory httpClients) : ISnsClient
{
    private readonly ConcurrentDictionary<Uri, X509Certificate2> certificates = new();

    public async Task<X509Certificate2> GetCertificateAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!SnsHosts.IsAmazonSns(url))
        {
            throw new ArgumentException($"Not an Amazon SNS URL: {url.Host}", nameof(url));
        }

        if (certificates.TryGetValue(url, out var cached))
        {
            return cached;
        }

        using var http = Client();
        var pem = await http.GetStringAsync(url, cancellationToken);
        return certificates.GetOrAdd(url, X509Certificate2.CreateFromPem(pem));
    }

    public async Task ConfirmSubscriptionAsync(Uri subscribeUrl, CancellationToken cancellationToken)
    {
        if (!SnsHosts.IsAmazonSns(subscribeUrl))
        {
            throw new ArgumentException($"Not an Amazon SNS URL: {subscribeUrl.Host}", nameof(subscribeUrl));
        }

        using var http = Client();
        using var response = await http.GetAsync(subscribeUrl, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private HttpClient Client()
    {
        var http = httpClients.CreateClient(WebhookProviderFactory.HttpClientName);
        http.Timeout = TimeSpan.FromSeconds(10);
        return http;
    }
}
