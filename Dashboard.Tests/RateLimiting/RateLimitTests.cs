using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.RateLimiting;

/// <summary>RateLimits:*: over the limit a client gets 429 with Retry-After (JSON under /api and /webhooks); others are unaffected.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ApiDashboardFactory factory = new()
    {
        Settings =
        {
            ["RateLimits:ApiPerSecond"] = "1",
            ["RateLimits:ApiBurst"] = "3",
            ["RateLimits:TrackingPerSecond"] = "1",
            ["RateLimits:TrackingBurst"] = "3",
            ["RateLimits:WebhooksPerSecond"] = "1",
            ["RateLimits:WebhooksBurst"] = "3",
            ["RateLimits:SignInPerMinute"] = "3",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.DisposeAsync().AsTask();

    [Fact]
    public async Task Api_Answers429JsonWithRetryAfter_PerApiKey()
    {
        var client = factory.CreateApiClient();
        var other = await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync($"other {Guid.NewGuid():N}", "test");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.GetAsync("/api/whoami"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        await AssertJson429Async(limited);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateApiClient(other.Secret).GetAsync("/api/whoami")).StatusCode);
    }

    [Fact]
    public async Task Tracking_Answers429WithRetryAfter_PerClientAddress()
    {
        var client = factory.CreateRawClient();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await client.GetAsync("/t/o/not-a-token.gif"));
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0].StatusCode);
        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Webhooks_Answer429JsonWithRetryAfter_PerClientAddress()
    {
        var client = factory.CreateRawClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.PostAsync("/webhooks/sendgrid/nowhere", ApiJson.Content("[]")));
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, responses[0].StatusCode);
        await AssertJson429Async(responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task SignIn_Answers429WithRetryAfter_AfterTooManyAttemptsFromOneAddress()
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await DashboardLogin.PostFormAsync(factory.CreateRawClient(), "/account/login", "/account/signin", new Dictionary<string, string>
            {
                ["email"] = DashboardFactory.AdminEmail,
                ["password"] = "wrong-password",
                ["returnUrl"] = "/",
            }));
        }

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, responses[3].StatusCode);
        Assert.True(responses[3].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    private static async Task AssertJson429Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal("rate_limited", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
