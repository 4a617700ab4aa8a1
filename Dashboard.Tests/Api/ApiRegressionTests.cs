using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class ApiRegressionTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    // ---- belongs in SendApiTests (bug 1) ----
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task Send_Answers400AndStoresNothing_ForWrongContentType(string mediaType)
    {
        var before = await factory.CountRowsAsync();
        var body = """{"message": {"to": {"email": "typed@example.com"}, "content": {"title": "Hello", "body": "Hi"}}}""";

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body, mediaType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_content_type", (await ApiJson.ReadAsync(response)).GetProperty("type").GetString());
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task Send_Answers400AndStoresNothing_WithoutContentType()
    {
        var before = await factory.CountRowsAsync();
        var body = """{"message": {"to": {"email": "untyped@example.com"}, "content": {"title": "Hello", "body": "Hi"}}}""";

        var response = await factory.CreateApiClient().PostAsync("/api/send", new ByteArrayContent(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_content_type", (await ApiJson.ReadAsync(response)).GetProperty("type").GetString());
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    // ---- belongs in SendApiTests (bug 2) ----
    [Fact]
    public async Task Send_StoresOneMessagePerReachableChannel_ForRoutingMethodAll()
    {
        var body = """
            {"message": {
              "to": {"email": "everywhere@example.com", "phone_number": "+14155550199"},
              "content": {"title": "Hello", "body": "Hi"},
              "routing": {"method": "all", "channels": ["email", "sms", "push"]}
            }}
            """;

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        var messages = await factory.QueryAsync(db => db.Messages.Where(m => m.RequestId == requestId).ToListAsync());
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Enqueued, m.Status));
        var channels = messages
            .Select(m => JsonNode.Parse(m.RequestJson)!["message"]!["routing"]!["channels"]!.AsArray())
            .Select(a => string.Join(",", a.Select(c => c!.GetValue<string>())))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["email", "sms"], channels);
    }

    // ---- belongs in MessagesApiTests (bug 3) ----
    [Fact]
    public async Task Retry_Answers409_ForEnqueuedMessageWithoutPendingRetry()
    {
        var client = factory.CreateApiClient();
        var sent = await client.PostAsync("/api/send", ApiJson.Content("""{"message": {"to": {"email": "retry-fresh@example.com"}, "content": {"body": "Hi"}}}"""));
        var id = (await ApiJson.ReadAsync(sent)).GetProperty("requestId").GetString();

        var response = await client.PostAsync($"/api/messages/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("false", Assert.Single(response.Headers.GetValues("x-should-retry")));
        Assert.False(await factory.QueryAsync(db => db.MessageEvents.AnyAsync(e => e.MessageId == id && e.Type == MessageEventTypes.RetryRequested)));
    }

    // ---- belongs in SendApiTests (bug 4) ----
    [Fact]
    public async Task Send_NormalisesProfilePhoneNumber_ForUserIdRecipient()
    {
        var client = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/profiles/user-phone", ApiJson.Content("""{"profile": {"phone_number": "+1 (415) 555-0100"}}"""))).StatusCode);

        var response = await client.PostAsync("/api/send", ApiJson.Content("""{"message": {"to": {"user_id": "user-phone"}, "content": {"body": "Hi"}, "routing": {"channels": ["sms"]}}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        var message = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == requestId));
        Assert.Equal("+14155550100", message.RecipientPhone);
    }
}
