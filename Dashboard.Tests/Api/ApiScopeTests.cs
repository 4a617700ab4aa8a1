using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>Each scope is allowed what it names and refused the rest with a JSON 403 naming the missing scope.</summary>
public sealed class ApiScopeTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private const string SendBody = """{"message": {"to": {"email": "scoped@example.com"}, "content": {"title": "Hi", "body": "Hi"}}}""";
    private const string ProfileBody = """{"profile": {"email": "scoped@example.com"}}""";
    private const string IncidentBody = """{"title": "Scoped {0}", "body": "Planned work.", "components": ["api"], "maintenance": true}""";
    private const string TemplateBody = """{"alias": "scoped-{0}", "name": "Scoped", "content": {"email": {"subject": "Hi", "html": "<p>Hi</p>"}}}""";

    /// <summary>Scope, method, path, body (null for none): one row per endpoint group and kind of call.</summary>
    public static TheoryData<string, string, string, string?> Calls => new()
    {
        { ApiScopes.Read, "GET", "/api/messages", null },
        { ApiScopes.Read, "GET", "/api/templates", null },
        { ApiScopes.Read, "GET", "/api/profiles/nobody", null },
        { ApiScopes.Send, "POST", "/api/send", SendBody },
        { ApiScopes.Send, "POST", "/api/messages/no-such-message/cancel", null },
        { ApiScopes.Send, "POST", "/api/messages/no-such-message/retry", null },
        { ApiScopes.Manage, "PUT", "/api/profiles/scoped-user", ProfileBody },
        { ApiScopes.Manage, "POST", "/api/templates", TemplateBody },
        { ApiScopes.Manage, "DELETE", "/api/templates/no-such-template", null },
        { ApiScopes.Read, "GET", "/api/automations", null },
        { ApiScopes.Read, "GET", "/api/automations/runs", null },
        { ApiScopes.Send, "POST", "/api/automations/invoke", """{"automation": {"steps": [{"action": "delay", "duration": "1 day"}]}}""" },
        { ApiScopes.Send, "POST", "/api/inbound/courier", """{"type": "track", "event": "scoped", "messageId": "scope-test-event", "properties": {}}""" },
        { ApiScopes.Manage, "POST", "/api/automations/runs/no-such-run/cancel", null },
        { ApiScopes.Manage, "PUT", "/api/automations/templates/scoped", """{"steps": [{"action": "delay", "duration": "1 day"}]}""" },
        { ApiScopes.Read, "GET", "/api/status", null },
        { ApiScopes.Read, "GET", "/api/status/history?days=30", null },
        { ApiScopes.Manage, "POST", "/api/status/incidents", IncidentBody },
        { ApiScopes.Manage, "POST", "/api/status/incidents/999999/updates", """{"status": "identified", "body": "Found it."}""" },
        { ApiScopes.Admin, "GET", "/api/keys", null },
        { ApiScopes.Admin, "POST", "/api/keys", """{"name": "made by api", "scopes": ["read"]}""" },
        { ApiScopes.Read, "GET", "/api/bulk/no-such-job/users", null },
        { ApiScopes.Manage, "POST", "/api/bulk", """{"message": {"event": "scoped"}}""" },
        { ApiScopes.Send, "POST", "/api/bulk/no-such-job/run", null },
        { ApiScopes.Read, "GET", "/api/webhooks", null },
        { ApiScopes.Admin, "POST", "/api/webhooks", """{"url": "https://93.184.216.34/hook", "enabled": false}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Endpoint_IsAllowed_WithItsScope(string scope, string method, string path, string? body)
    {
        var client = await ClientWithScopesAsync(scope);

        var response = await SendAsync(client, method, path, body);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Endpoint_Answers403NamingScope_WithEveryOtherScope(string scope, string method, string path, string? body)
    {
        var others = ApiScopes.All.Where(s => s != scope && s != ApiScopes.Admin).ToArray();
        var client = await ClientWithScopesAsync(others);

        var response = await SendAsync(client, method, path, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal("forbidden", error.GetProperty("type").GetString());
        Assert.Contains($"'{scope}' scope", error.GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Endpoint_IsAllowed_WithAdminScope(string scope, string method, string path, string? body)
    {
        Assert.Contains(scope, ApiScopes.All);
        var client = await ClientWithScopesAsync(ApiScopes.Admin);

        var response = await SendAsync(client, method, path, body);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Endpoint_IsAllowed_ForKeyWithoutStoredScopes(string scope, string method, string path, string? body)
    {
        Assert.Contains(scope, ApiScopes.All);
        // The bootstrap key is stored without scopes, as every key made before scopes existed.
        var client = factory.CreateApiClient();

        var response = await SendAsync(client, method, path, body);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {response.StatusCode}");
    }

    [Fact]
    public async Task WhoAmIAndUnknownPaths_AnswerAnyScope()
    {
        var client = await ClientWithScopesAsync(ApiScopes.Send);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/no-such-resource")).StatusCode);
    }

    [Fact]
    public async Task CreateKey_StoresChosenScopes_AndRefusesUnknownOnes()
    {
        var client = await ClientWithScopesAsync(ApiScopes.Admin);

        var created = await client.PostAsync("/api/keys", ApiJson.Content("""{"name": "reader", "scopes": ["read", "send"]}"""));
        var refused = await client.PostAsync("/api/keys", ApiJson.Content("""{"name": "bad", "scopes": ["everything"]}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ApiJson.ReadAsync(created);
        Assert.Equal(["send", "read"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.StartsWith(ApiKeyService.SecretPrefix, body.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("scopes", ApiJson.Field(await ApiJson.ReadAsync(refused)));
    }

    private async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        var created = await factory.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync($"scoped {string.Join('+', scopes)}", "test", scopes);
        return factory.CreateApiClient(created.Secret);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = ApiJson.Content(body.Replace("{0}", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal));
        }

        return client.SendAsync(request);
    }
}
