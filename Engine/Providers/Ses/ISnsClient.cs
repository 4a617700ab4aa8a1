using System.Security.Cryptography.X509Certificates;

namespace NotificationOps.Engine.Providers.Ses;

/// <summary>The two calls we make to Amazon SNS: fetch a signing certificate, confirm a subscription. Tests fake it.</summary>
public interface ISnsClient
{
    /// <summary>Only ever called with a URL that <see cref="SnsHosts.IsAmazonSns"/> accepts.</summary>
    Task<X509Certificate2> GetCertificateAsync(Uri url, CancellationToken cancellationToken);

    Task ConfirmSubscriptionAsync(Uri subscribeUrl, CancellationToken cancellationToken);
}
