using System.Security.Cryptography.X509Certificates;
using NotificationOps.Engine.Providers.Ses;

namespace NotificationOps.Engine.Tests.Providers.Ses;

/// <summary>Serves one certificate for every URL and records what was asked, instead of calling Amazon.</summary>
internal sealed class FakeSnsClient(X509Certificate2 certificate) : ISnsClient
{
    public List<Uri> CertificateRequests { get; } = [];

    public List<Uri> Confirmations { get; } = [];

    public Task<X509Certificate2> GetCertificateAsync(Uri url, CancellationToken cancellationToken)
    {
        CertificateRequests.Add(url);
        return Task.FromResult(certificate);
    }

    public Task ConfirmSubscriptionAsync(Uri subscribeUrl, CancellationToken cancellationToken)
    {
        Confirmations.Add(subscribeUrl);
        return Task.CompletedTask;
    }
}
