using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class ApiAuthenticationTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Api_Answers401WithJson_WithoutKey()
    {
        var client = factory.CreateRawClient();

        var response = await client.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unauthorized", body.GetProperty("type").GetString());
        Assert.Contains("Bearer", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Api_Answers401_ForUnknownPathWithoutKey_NotLoginRedirect()
    {
        var client = factory.CreateRawClient();

        var response = await client.GetAsync("/api/does-not-exist");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_Answers200_WithBootstrapKey()
    {
        var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);

        var response = await client.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bootstrap key", body.GetProperty("key_name").GetString());
    }

    [Fact]
    public async Task Api_Answers401_WithRevokedKey()
    {
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync("to revoke", "test");
        var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami")).StatusCode);

        await keys.RevokeAsync(created.Key.Id);

        var response = await client.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("revoked", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Api_Answers401_WithMalformedAuthorizationHeader()
    {
        var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + DashboardFactory.ApiKey);

        var response = await client.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_IgnoresDashboardCookie()
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var response = await client.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_Answers404Json_ForUnknownPathWithKey()
    {
        var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);

        var response = await client.GetAsync("/api/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_found", body.GetProperty("type").GetString());
    }
}
