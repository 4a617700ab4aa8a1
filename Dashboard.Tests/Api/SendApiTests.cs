using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class SendApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    public static TheoryData<string, string> IncompleteBodies => new()
    {
        { """{}""", "message" },
        { """{"message": "hello"}""", "message" },
        { """{"message": null}""", "message" },
        { """[{"message": {}}]""", "body" },
        { """{"message": {"content": {"title": "Hello", "body": "Hi"}}}""", "message.to" },
        { """{"message": {"to": null, "content": {"title": "Hello", "body": "Hi"}}}""", "message.to" },
        { """{"message": {"to": [], "content": {"title": "Hello", "body": "Hi"}}}""", "message.to" },
        { """{"message": {"to": {"name": "No Address"}, "content": {"title": "Hello", "body": "Hi"}}}""", "message.to" },
        { """{"message": {"to": [{"email": "a@example.com"}, {"email": ""}], "content": {"title": "Hello", "body": "Hi"}}}""", "message.to[1]" },
        { """{"message": {"to": {"email": "a@example.com"}}}""", "message.content" },
        { """{"message": {"to": {"email": "a@example.com"}, "template": "  "}}""", "message.content" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": null}}""", "message.content" },
        { """{"message": {"to": {"email": "a@example.com"}, "template": "welcome", "content": {"title": "Hello", "body": "Hi"}}}""", "message.template" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "No body"}}}""", "message.content.body" },
    };

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hello", "body": "Hi"}, "routing": {"method": "single", "channels": ["fax"]}}}""", "message.routing.channels[0]" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hello", "body": "Hi"}, "routing": {"method": "all", "channels": ["email", "pigeon"]}}}""", "message.routing.channels[1]" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hello", "body": "Hi"}, "routing": {"channels": [{"channels": ["telegraph"]}]}}}""", "message.routing.channels[0].channels[0]" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hello", "body": "Hi"}, "channels": {"fax": {}}}}""", "message.channels.fax" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hello", "body": "Hi"}, "routing": {"method": "some"}}}""", "message.routing.method" },
        { """{"message": {"to": {"email": "not-an-email"}, "content": {"title": "Hello", "body": "Hi"}}}""", "message.to.email" },
        { """{"message": {"to": {"email": "someone@localhost"}, "content": {"title": "Hello", "body": "Hi"}}}""", "message.to.email" },
        { """{"message": {"to": [{"email": "a@example.com"}, {"email": "b@"}], "content": {"title": "Hello", "body": "Hi"}}}""", "message.to[1].email" },
        { """{"message": {"to": {"phone_number": "12"}, "content": {"title": "Hello", "body": "Hi"}}}""", "message.to.phone_number" },
        { """{"message": {"to": {"phone_number": "call me maybe"}, "content": {"title": "Hello", "body": "Hi"}}}""", "message.to.phone_number" },
        { """{"message": {"to": {"email": "a@example.com", "phone_number": "+0123"}, "content": {"title": "Hello", "body": "Hi"}}}""", "message.to.phone_number" },
    };

    [Theory]
    [MemberData(nameof(IncompleteBodies))]
    public async Task Send_Answers400NamingFieldAndStoresNothing_ForIncompleteBody(string body, string field)
    {
        await AssertRefusedAsync(ApiJson.Content(body), HttpStatusCode.BadRequest, "invalid_request", field);
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Send_Answers422NamingFieldAndStoresNothing_ForInvalidValue(string body, string field)
    {
        await AssertRefusedAsync(ApiJson.Content(body), HttpStatusCode.UnprocessableEntity, "invalid_request", field);
    }

    [Theory]
    [InlineData("""{"message": {"to": {"email": "a@example.com"}""")]
    [InlineData("""{"message": {"to": {"email": 'a@example.com'}}}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("null")]
    public async Task Send_Answers400AndStoresNothing_ForMalformedJson(string body)
    {
        await AssertRefusedAsync(ApiJson.Content(body), HttpStatusCode.BadRequest, "invalid_json", field: null);
    }

    [Fact]
    public async Task Send_Answers413AndStoresNothing_ForBodyOverOneMegabyte()
    {
        var body = ValidBody("big@example.com", text: new string('x', 1024 * 1024));

        await AssertRefusedAsync(ApiJson.Content(body), HttpStatusCode.RequestEntityTooLarge, "payload_too_large", field: null);
    }

    [Fact]
    public async Task Send_Answers413AndStoresNothing_ForChunkedBodyOverOneMegabyte()
    {
        var bytes = Encoding.UTF8.GetBytes(ValidBody("chunked@example.com", text: new string('x', 1024 * 1024)));
        var content = new UnsizedContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await AssertRefusedAsync(content, HttpStatusCode.RequestEntityTooLarge, "payload_too_large", field: null);
    }

    [Fact]
    public async Task Send_Accepts_BodyOfExactlyOneMegabyte()
    {
        var envelope = ValidBody("almost-big@example.com", text: string.Empty);
        var body = ValidBody("almost-big@example.com", text: new string('x', 1024 * 1024 - Encoding.UTF8.GetByteCount(envelope)));
        Assert.Equal(1024 * 1024, Encoding.UTF8.GetByteCount(body));

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Send_Answers202AndStoresEnqueuedMessage_ForSingleRecipient()
    {
        var body = """
            {"message": {
              "to": {"email": "single@example.com"},
              "content": {"title": "Hello", "body": "Hi"},
              "metadata": {"tags": ["welcome", "beta", "welcome"], "trace_id": "trace-single"}
            }}
            """;

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        Assert.False(string.IsNullOrEmpty(requestId));
        var message = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.RequestId == requestId));
        Assert.Equal(requestId, message.Id);
        Assert.Equal(MessageStatus.Enqueued, message.Status);
        Assert.Equal("single@example.com", message.Recipient);
        Assert.Equal("single@example.com", message.RecipientEmail);
        Assert.Equal("trace-single", message.TraceId);
        Assert.Equal("welcome,beta", message.Tags);
        var history = await factory.QueryAsync(db => db.MessageEvents.Where(e => e.MessageId == requestId).ToListAsync());
        var enqueued = Assert.Single(history);
        Assert.Equal("ENQUEUED", enqueued.Type);
        Assert.Equal(MessageStatus.Enqueued, enqueued.Status);
        Assert.Equal(MessageEventSources.Api, enqueued.Source);
        var tags = await factory.QueryAsync(db => db.MessageTags.Where(t => t.MessageId == requestId).Select(t => t.Tag).ToListAsync());
        Assert.Equal(["beta", "welcome"], tags.Order());
    }

    [Fact]
    public async Task Send_StoresOneMessagePerRecipient_SharingTheRequestId()
    {
        var body = """
            {"message": {
              "to": [{"email": "first@example.com"}, {"phone_number": "+1 (415) 555-0123"}, {"user_id": "user-without-profile"}],
              "content": {"title": "Hello", "body": "Hi"},
              "metadata": {"tags": ["many"]}
            }}
            """;

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        var messages = await factory.QueryAsync(db => db.Messages.Where(m => m.RequestId == requestId).ToListAsync());
        Assert.Equal(3, messages.Count);
        Assert.Equal(3, messages.Select(m => m.Id).Distinct().Count());
        Assert.All(messages, m => Assert.Equal(MessageStatus.Enqueued, m.Status));
        Assert.Equal(
            ["+14155550123", "first@example.com", "user-without-profile"],
            messages.Select(m => m.Recipient).Order(StringComparer.Ordinal));
        Assert.Equal("+14155550123", messages.Single(m => m.RecipientPhone is not null).RecipientPhone);
        var ids = messages.Select(m => m.Id).ToList();
        var events = await factory.QueryAsync(db => db.MessageEvents.Where(e => ids.Contains(e.MessageId)).ToListAsync());
        Assert.Equal(ids.Order(), events.Select(e => e.MessageId).Order());
        Assert.All(events, e => Assert.Equal("ENQUEUED", e.Type));
        var tagged = await factory.QueryAsync(db => db.MessageTags.Where(t => ids.Contains(t.MessageId) && t.Tag == "many").CountAsync());
        Assert.Equal(3, tagged);
    }

    [Fact]
    public async Task Send_RoutesOnlyToReachableChannel_ForRoutingMethodAll()
    {
        var body = """
            {"message": {
              "to": {"email": "email-only@example.com"},
              "content": {"title": "Hello", "body": "Hi"},
              "routing": {"method": "all", "channels": ["sms", "email", "push"]}
            }}
            """;

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        var message = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.RequestId == requestId));
        Assert.Equal(MessageStatus.Enqueued, message.Status);
        Assert.Equal(("single", "email"), Routing(message));
    }

    [Fact]
    public async Task Send_StoresOneMessageWithAllChannels_ForRoutingMethodAllWithNoReachableChannel()
    {
        var body = """
            {"message": {
              "to": {"user_id": "nobody-reachable"},
              "content": {"title": "Hello", "body": "Hi"},
              "routing": {"method": "all", "channels": ["email", "sms"]}
            }}
            """;

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        var message = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.RequestId == requestId));
        Assert.Equal(("single", "email,sms"), Routing(message));
    }

    [Fact]
    public async Task Send_StoresDelayedMessage_ForDelayDuration()
    {
        var body = """
            {"message": {"to": {"email": "later@example.com"}, "content": {"title": "Hello", "body": "Hi"}, "delay": {"duration": 60000}}}
            """;

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        var message = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == requestId));
        Assert.Equal(MessageStatus.Delayed, message.Status);
        Assert.Equal(message.EnqueuedAt + TimeSpan.FromMinutes(1), message.NextAttemptAt);
        var history = await factory.QueryAsync(db => db.MessageEvents.Where(e => e.MessageId == requestId).ToListAsync());
        var delayed = Assert.Single(history);
        Assert.Equal("DELAYED", delayed.Type);
        Assert.Equal(MessageStatus.Delayed, delayed.Status);
    }

    [Fact]
    public async Task Send_ResolvesUserIdToProfileEmail_WhenProfileHasEmail()
    {
        var client = factory.CreateApiClient();
        var profile = await client.PutAsync("/api/profiles/user-42", ApiJson.Content("""{"profile": {"email": "user42@example.com", "name": "Ada"}}"""));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var body = """{"message": {"to": {"user_id": "user-42"}, "content": {"title": "Hello", "body": "Hi"}}}""";

        var response = await client.PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString();
        var message = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == requestId));
        Assert.Equal("user-42", message.Recipient);
        Assert.Equal("user-42", message.RecipientUserId);
        Assert.Equal("user42@example.com", message.RecipientEmail);
        var to = JsonNode.Parse(message.RequestJson)!["to"]!;
        Assert.Equal("user42@example.com", to["email"]!.GetValue<string>());
        Assert.Equal("Ada", to["name"]!.GetValue<string>());
    }

    private async Task AssertRefusedAsync(HttpContent content, HttpStatusCode status, string type, string? field)
    {
        var before = await factory.CountRowsAsync();

        var response = await factory.CreateApiClient().PostAsync("/api/send", content);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, ApiJson.Field(error));
        }

        Assert.Equal(before, await factory.CountRowsAsync());
    }

    private static (string Method, string Channels) Routing(Message message)
    {
        var routing = JsonNode.Parse(message.RequestJson)!["message"]!["routing"]!;
        return (routing["method"]!.GetValue<string>(), string.Join(",", routing["channels"]!.AsArray().Select(c => c!.GetValue<string>())));
    }

    private static string ValidBody(string email, string text = "Welcome aboard") =>
        JsonSerializer.Serialize(new { message = new { to = new { email }, content = new { title = "Hello", body = text } } });

    /// <summary>A body whose length is not known up front, so it arrives without Content-Length.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
