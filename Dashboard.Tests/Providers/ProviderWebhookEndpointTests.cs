using System.Net;
using System.Text;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Providers;

/// <summary>/webhooks/{provider}/{integrationId} over HTTP: anonymous, authenticated by the provider's signature, size-limited.</summary>
public sealed class ProviderWebhookEndpointTests : IAsyncLifetime
{
    private readonly ApiDashboardFactory factory = new();

    public Task InitializeAsync()
    {
        factory.Settings["Providers:pm:Type"] = "postmark";
        factory.Settings["Providers:pm:Channel"] = "email";
        factory.Settings["Providers:pm:ServerToken"] = "pm-token";
        factory.Settings["Providers:pm:From"] = "noreply@acme.test";
        factory.Settings["Providers:pm:WebhookUsername"] = "hooks";
        factory.Settings["Providers:pm:WebhookPassword"] = "s3cret";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Post_AnswersWithoutLogin_AndTakesAValidCall()
    {
        using var client = factory.CreateRawClient();

        using var request = Request("/webhooks/postmark/pm", """{"RecordType":"Delivery","MessageID":"unknown-1","DeliveredAt":"2019-11-05T16:33:54Z"}""", "hooks:s3cret");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 unmatched", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/webhooks/postmark/pm", "hooks:wrong", HttpStatusCode.Unauthorized)]
    [InlineData("/webhooks/postmark/pm", null, HttpStatusCode.Unauthorized)]
    [InlineData("/webhooks/postmark/nope", "hooks:s3cret", HttpStatusCode.NotFound)]
    [InlineData("/webhooks/sendgrid/pm", "hooks:s3cret", HttpStatusCode.NotFound)]
    [InlineData("/webhooks/unknown/pm", "hooks:s3cret", HttpStatusCode.NotFound)]
    public async Task Post_RefusesWrongCredentialsAndUnknownIntegrations(string path, string? credentials, HttpStatusCode expected)
    {
        using var client = factory.CreateRawClient();

        using var response = await client.SendAsync(Request(path, """{"RecordType":"Delivery","MessageID":"m"}""", credentials));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => Task.FromResult(db.ProviderWebhookReceipts.Count())));
    }

    [Fact]
    public async Task Post_Is413_WhenBodyIsTooLarge()
    {
        using var client = factory.CreateRawClient();

        using var response = await client.SendAsync(Request("/webhooks/postmark/pm", new string('a', 1024 * 1024 + 1), "hooks:s3cret"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static HttpRequestMessage Request(string path, string body, string? credentials)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (credentials is not null)
        {
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return request;
    }
}
