using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>
/// Issue 13, defect 3: unusual JSON on every write route under /api and on validly signed provider webhooks answers
/// a JSON 400 naming the field, and stores nothing — never a 500 HTML page. Routes × payloads.
/// </summary>
public sealed class UnusualJsonTests(WebhookDashboardFactory factory) : IClassFixture<WebhookDashboardFactory>
{
    private const string Template = "unusual-json";

    /// <summary>A write route: its body with <c>%V%</c> where one JSON value goes, and the field that value is.</summary>
    private sealed record Route(string Method, string Path, string Body, string Field);

    private static readonly Dictionary<string, Route> Routes = new()
    {
        ["send"] = new("POST", "/api/send", """{"message": {"to": {"email": "odd@example.com"}, "content": {"title": "Hi", "body": %V%}}}""", "message.content.body"),
        ["profile-merge"] = new("POST", "/api/profiles/odd-user", """{"profile": {"name": %V%}}""", "profile.name"),
        ["profile-replace"] = new("PUT", "/api/profiles/odd-user", """{"profile": {"name": %V%}}""", "profile.name"),
        ["template-create"] = new("POST", "/api/templates", """{"alias": "odd-new", "name": %V%, "content": {"email": {"subject": "S", "text": "T"}}}""", "name"),
        ["template-update"] = new("PUT", $"/api/templates/{Template}", """{"name": %V%}""", "name"),
        ["template-render"] = new("POST", $"/api/templates/{Template}/render", """{"data": {"name": %V%}}""", "data.name"),
        ["webhook-postmark"] = new("POST", "/webhooks/postmark/pm", """{"RecordType": "Delivery", "MessageID": %V%, "DeliveredAt": "2019-11-05T16:33:54Z"}""", "MessageID"),
        ["webhook-mailgun"] = new("POST", "/webhooks/mailgun/mg", """{"signature": %SIG%, "event-data": {"event": "delivered", "id": %V%, "timestamp": 1}}""", "event-data.id"),
    };

    /// <summary>What goes in place of %V% (given the key it is the value of), and the field the error names (null: the route's).</summary>
    private static readonly Dictionary<string, (Func<string, byte[]> Value, string? Field)> Payloads = new()
    {
        ["lone-surrogate"] = (_ => Encoding.ASCII.GetBytes("\"\\ud800\""), null),
        ["lone-low-surrogate"] = (_ => Encoding.ASCII.GetBytes("\"a\\udc00b\""), null),
        ["invalid-utf8"] = (_ => [(byte)'"', 0xC3, 0x28, 0xFF, (byte)'"'], "body"),
        // "x", "<the same key>": "y": the key appears twice in its object.
        ["duplicate-key"] = (key => Encoding.ASCII.GetBytes($"\"x\", \"{key}\": \"y\""), null),
    };

    public static TheoryData<string, string> RoutesByPayloads()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes.Keys)
        {
            foreach (var payload in Payloads.Keys)
            {
                data.Add(route, payload);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesByPayloads))]
    public async Task Route_Answers400JsonNamingTheFieldAndStoresNothing_ForUnusualJson(string routeName, string payloadName)
    {
        await EnsureTemplateAsync();
        var route = Routes[routeName];
        var (value, field) = Payloads[payloadName];
        var body = Bytes(route.Body, value(route.Field.Split('.')[^1]));

        await AssertRefusedAsync(route.Method, route.Path, body, field ?? route.Field);
    }

    public static TheoryData<string, string, string, string> OutOfRange => new()
    {
        { "POST", "/api/send", """{"message": {"to": {"email": "late@example.com"}, "content": {"body": "Hi"}, "delay": {"until": "9999-12-31T00:00:00Z"}}}""", "message.delay.until" },
        { "POST", "/api/send", """{"message": {"to": {"email": "slow@example.com"}, "content": {"body": "Hi"}, "timeout": {"message": 1e308}}}""", "message.timeout.message" },
        { "POST", "/api/send", """{"message": {"to": {"email": "slow@example.com"}, "content": {"body": "Hi"}, "delay": {"duration": 1e308}}}""", "message.delay.duration" },
        { "POST", "/webhooks/mailgun/mg", """{"signature": %SIG%, "event-data": {"event": "delivered", "id": "evt-1", "timestamp": 1e308}}""", "timestamp" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task Route_Answers400JsonNamingTheField_ForNumbersAndDatesOutOfRange(string method, string path, string body, string field)
    {
        await AssertRefusedAsync(method, path, Bytes(body, []), field);
    }

    [Fact]
    public async Task ListMessages_Answers400Json_ForEnqueuedAfterOutOfRange()
    {
        var response = await factory.CreateApiClient().GetAsync("/api/messages?enqueued_after=-99999999999999");

        await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest, "enqueued_after");
    }

    private async Task AssertRefusedAsync(string method, string path, byte[] body, string field)
    {
        var before = await SnapshotAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (path.StartsWith("/webhooks/postmark", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(WebhookDashboardFactory.PostmarkCredentials)));
        }

        using var client = path.StartsWith("/api", StringComparison.Ordinal) ? factory.CreateApiClient() : factory.CreateRawClient();
        var response = await client.SendAsync(request);

        await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await SnapshotAsync());
    }

    private static async Task AssertJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ApiJson.ReadAsync(response);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(field, ApiJson.Field(error));
    }

    /// <summary>The body as bytes, %V% replaced by the raw value and %SIG% by a fresh, valid Mailgun signature block.</summary>
    private static byte[] Bytes(string template, byte[] value)
    {
        var token = Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(WebhookDashboardFactory.MailgunSigningKey), Encoding.UTF8.GetBytes(timestamp + token)));
        var text = template.Replace("%SIG%", $$"""{"timestamp": "{{timestamp}}", "token": "{{token}}", "signature": "{{signature}}"}""", StringComparison.Ordinal);
        var at = text.IndexOf("%V%", StringComparison.Ordinal);
        return at < 0
            ? Encoding.UTF8.GetBytes(text)
            : [.. Encoding.UTF8.GetBytes(text[..at]), .. value, .. Encoding.UTF8.GetBytes(text[(at + 3)..])];
    }

    private async Task<(StoredRows Rows, int Templates, int Receipts, string? Profile)> SnapshotAsync() => (
        await factory.CountRowsAsync(),
        await factory.QueryAsync(db => db.Templates.CountAsync()),
        // Events only: a validly signed Mailgun token is remembered even when its payload is refused (no replay).
        await factory.QueryAsync(db => db.ProviderWebhookReceipts.CountAsync(r => !r.Scope.EndsWith("-token"))),
        await factory.QueryAsync(db => db.Profiles.Where(p => p.UserId == "odd-user").Select(p => p.DataJson).FirstOrDefaultAsync()));

    private async Task EnsureTemplateAsync()
    {
        var client = factory.CreateApiClient();
        if ((await client.GetAsync($"/api/templates/{Template}")).StatusCode == HttpStatusCode.NotFound)
        {
            var created = await client.PostAsync("/api/templates", ApiJson.Content(
                """{"alias": "unusual-json", "name": "Unusual", "content": {"email": {"subject": "Hi", "text": "Hello"}}}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }
}
