using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Status;

/// <summary>The Status page behind the login, and the public status page only when <c>StatusPage:Public</c> is on.</summary>
public sealed class StatusPageHttpTests
{
    private const string Incident = """{"title": "Tracking slow", "body": "Clicks take seconds.", "components": ["tracking"], "impact": "major"}""";

    [Fact]
    public async Task Status_SignedIn_ShowsComponentsUptimeOpenIncidentAndHistory()
    {
        await using var factory = new DashboardFactory();
        await PostAsync(factory, "/api/status/incidents", Incident);
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var response = await client.GetAsync("/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Web Application", html);
        Assert.Contains("Observability", html);
        Assert.Contains("Tracking slow", html);
        Assert.Contains("partial outage", html);
        Assert.Contains("1 incident in the last 90 days totaling 0 h 0 m of downtime", html);
        Assert.True(Regex.Matches(html, "data-testid=\"uptime-day\"").Count >= 90 * 7, "every component has a 90-day bar");
        Assert.Equal(4, Regex.Matches(html, "data-testid=\"metric-chart\"").Count);
        Assert.DoesNotContain("FeatureNotLanded", html);
    }

    [Fact]
    public async Task Status_Anonymous_RedirectsToLogin()
    {
        await using var factory = new DashboardFactory();

        var response = await factory.CreateRawClient().GetAsync("/status");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task PublicStatus_Off_Answers404WithoutAnyStatus()
    {
        await using var factory = new DashboardFactory();
        await PostAsync(factory, "/api/status/incidents", Incident);

        var response = await factory.CreateRawClient().GetAsync("/status/public");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Tracking slow", html);
        Assert.DoesNotContain("Web Application", html);
    }

    [Fact]
    public async Task PublicStatus_On_ShowsStatusAnonymouslyWithoutMessageDataOrAuthors()
    {
        await using var factory = new DashboardFactory();
        factory.Settings["StatusPage:Public"] = "true";
        factory.Settings["Providers:sim-email:Type"] = "simulated";
        factory.Settings["Providers:sim-email:Channel"] = "email";
        await PostAsync(factory, "/api/send", """{"message": {"to": {"email": "private-person@example.com"}, "content": {"title": "Secret subject", "body": "Hi"}}}""");
        await PostAsync(factory, "/api/status/incidents", Incident);

        var response = await factory.CreateRawClient().GetAsync("/status/public");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("System status", html);
        Assert.Contains("Tracking slow", html);
        Assert.Contains("Delivery: sim-email (email)", html);
        Assert.DoesNotContain("private-person@example.com", html);
        Assert.DoesNotContain("Secret subject", html);
        Assert.DoesNotContain("api key", html);
        Assert.DoesNotContain("New incident", html);
    }

    private static async Task PostAsync(DashboardFactory factory, string path, string json)
    {
        var api = factory.CreateRawClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);
        var response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {response.StatusCode}");
    }
}
