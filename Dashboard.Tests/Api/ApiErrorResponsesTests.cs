using System.Net;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>Issue 13, defect 3: every error under /api and /webhooks is JSON — unknown methods and routes, missing keys, webhooks.</summary>
public sealed class ApiErrorResponsesTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    [Theory]
    [InlineData("PUT", "/api/send", "POST")]
    [InlineData("DELETE", "/api/send", "POST")]
    [InlineData("PATCH", "/api/profiles/ada", "DELETE, GET, POST, PUT")]
    [InlineData("GET", "/api/templates/welcome/publish", "POST")]
    public async Task Api_Answers405JsonWithAllow_ForMethodTheRouteDoesNotTake(string method, string path, string allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiJson.Content("{}") };

        var response = await factory.CreateApiClient().SendAsync(request);

        await AssertJsonAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("PUT", "/api/profiles/ada")]
    [InlineData("DELETE", "/api/profiles/ada")]
    [InlineData("PUT", "/api/templates/welcome")]
    [InlineData("DELETE", "/api/templates/welcome")]
    [InlineData("PUT", "/api/nowhere")]
    public async Task Api_Answers401Json_NotALoginRedirect_ForWritesWithoutKey(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiJson.Content("""{"profile": {"name": "x"}}""") };

        var response = await factory.CreateRawClient().SendAsync(request);

        await AssertJsonAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("/webhooks/unknown/pm", HttpStatusCode.NotFound, "not_found")]
    [InlineData("/webhooks/postmark/none", HttpStatusCode.NotFound, "not_found")]
    public async Task Webhooks_AnswerJson_ForUnknownProviderOrIntegration(string path, HttpStatusCode status, string type)
    {
        var response = await factory.CreateRawClient().PostAsync(path, ApiJson.Content("{}"));

        await AssertJsonAsync(response, status, type);
    }

    [Fact]
    public async Task Webhooks_Answer405Json_ForGet()
    {
        var response = await factory.CreateRawClient().GetAsync("/webhooks/postmark/pm");

        await AssertJsonAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Send_Answers400Json_ForQueryParameterOfWrongType()
    {
        var response = await factory.CreateApiClient().GetAsync("/api/templates?limit=lots");

        await AssertJsonAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    private static async Task AssertJsonAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {response.Headers.Location}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
    }
}
