using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Providers.Webhook;
using NotificationOps.Engine.Tests.Sending;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Http;

/// <summary>
/// A provider's, an endpoint's or a fetch step's URL can be a secret (a Slack or Teams incoming webhook is one in its
/// path), so no outbound client of ours writes request URLs to the log, at any level.
/// </summary>
public sealed class HttpClientLoggingTests
{
    [Theory]
    [InlineData(WebhookProviderFactory.HttpClientName)]
    [InlineData(WebhookSender.HttpClientName)]
    [InlineData(AutomationFetcher.HttpClientName)]
    public async Task OutboundClient_Request_WritesNoUrlToTheLog(string client)
    {
        var log = new RecordingLoggerProvider();
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 0), services =>
            services.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace)));
        using var http = engine.Services.GetRequiredService<IHttpClientFactory>().CreateClient(client);

        // Port 9 (discard) refuses on loopback: the request fails, after every logging handler has had its turn.
        await Assert.ThrowsAnyAsync<Exception>(() => http.PostAsync("http://127.0.0.1:9/services/T0001/B0002/s3cr3tPathToken", new StringContent("{}")));

        Assert.DoesNotContain(log.Lines, line => line.Contains("s3cr3tPathToken", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains($"System.Net.Http.HttpClient.{client}", StringComparison.Ordinal));
    }
}
