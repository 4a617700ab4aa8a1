using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary><c>/metrics</c>: Prometheus text for a key with the metrics scope, refused without it.</summary>
public sealed class MetricsEndpointTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    [Fact]
    public async Task Metrics_WithMetricsScope_ServesPrometheusTextWithEngineInstruments()
    {
        var client = await ClientAsync(ApiScopes.Metrics);
        await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content("""{"message": {"to": {"email": "m@example.com"}, "content": {"title": "Hi", "body": "Hi"}}}"""));

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("nops_sends_accepted_total", text);
        Assert.Contains("nops_retry_backlog", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task Metrics_WithoutMetricsScope_Answers403()
    {
        var client = await ClientAsync(ApiScopes.Read, ApiScopes.Send, ApiScopes.Manage);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_MetricsScope_IsRefusedEverywhereUnderApi()
    {
        var client = await ClientAsync(ApiScopes.Metrics);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Metrics_WithoutKeyOrLogin_IsRefused()
    {
        var response = await factory.CreateRawClient().GetAsync("/metrics");

        // 401, not the sign-in page's redirect: a scraper follows redirects and would read the page as metrics.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("nops_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_SignedInDashboardUser_ServesPrometheusText()
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nops_retry_backlog", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> ClientAsync(params string[] scopes)
    {
        var created = await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync($"metrics {string.Join('+', scopes)}", "test", scopes);
        return factory.CreateApiClient(created.Secret);
    }
}
