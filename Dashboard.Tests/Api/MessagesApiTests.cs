using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class MessagesApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();

    [Fact]
    public async Task List_ReturnsOnlyGivenStatuses_ForCommaJoinedStatusFilter()
    {
        var tag = NewTag();
        var enqueued = await SendAsync(Body("status-enqueued@example.com", tag));
        var delayed = await SendAsync(Body("status-delayed@example.com", tag, delayMs: 3_600_000));
        var canceled = await SendAsync(Body("status-canceled@example.com", tag));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/messages/{canceled}/cancel", null)).StatusCode);

        var both = await ListIdsAsync($"status=ENQUEUED,DELAYED&tag={tag}");
        var repeated = await ListIdsAsync($"status=enqueued&status=delayed&tag={tag}");
        var onlyCanceled = await ListIdsAsync($"status=CANCELED&tag={tag}");

        Assert.Equal([delayed, enqueued], both);
        Assert.Equal([delayed, enqueued], repeated);
        Assert.Equal([canceled], onlyCanceled);
    }

    [Fact]
    public async Task List_ReturnsOnlyTaggedMessages_ForTagFilter()
    {
        var tag = NewTag();
        var other = NewTag();
        var tagged = await SendAsync(Body("tagged@example.com", tag));
        var both = await SendAsync(Body("both-tags@example.com", tag, extraTag: other));
        await SendAsync(Body("other-tag@example.com", other));

        Assert.Equal([both, tagged], await ListIdsAsync($"tag={tag}"));
    }

    [Fact]
    public async Task List_ReturnsOnlyThatRecipient_ForRecipientFilter()
    {
        var tag = NewTag();
        var recipient = $"{tag}@example.com";
        var first = await SendAsync(Body(recipient, tag));
        await SendAsync(Body("someone-else@example.com", tag));
        var second = await SendAsync(Body(recipient, tag));

        Assert.Equal([second, first], await ListIdsAsync($"recipient={Uri.EscapeDataString(recipient)}"));
    }

    [Fact]
    public async Task List_ReturnsOnlyThatTrace_ForTraceIdFilter()
    {
        var tag = NewTag();
        var traced = await SendAsync(Body("traced@example.com", tag, traceId: $"trace-{tag}"));
        await SendAsync(Body("untraced@example.com", tag, traceId: $"other-{tag}"));

        Assert.Equal([traced], await ListIdsAsync($"traceId=trace-{tag}"));
        Assert.Equal([traced], await ListIdsAsync($"trace_id=trace-{tag}"));
    }

    [Fact]
    public async Task List_ReturnsOnlyThatMessage_ForMessageIdFilter()
    {
        var tag = NewTag();
        await SendAsync(Body("before@example.com", tag));
        var wanted = await SendAsync(Body("wanted@example.com", tag));
        await SendAsync(Body("after@example.com", tag));

        Assert.Equal([wanted], await ListIdsAsync($"messageId={wanted}"));
        Assert.Empty(await ListIdsAsync($"messageId={wanted}&tag={NewTag()}"));
    }

    [Fact]
    public async Task List_ReturnsNewestFirst()
    {
        var tag = NewTag();
        var sent = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            sent.Add(await SendAsync(Body($"order{i}@example.com", tag)));
        }

        var page = await GetJsonAsync($"/api/messages?tag={tag}");

        var results = page.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Reverse(sent), results.Select(r => r.GetProperty("id").GetString()));
        var enqueued = results.Select(r => r.GetProperty("enqueued").GetInt64()).ToList();
        Assert.Equal(enqueued.OrderDescending(), enqueued);
        Assert.False(page.GetProperty("paging").GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task List_FollowsCursorWithoutDuplicates_UntilMoreIsFalse()
    {
        var tag = NewTag();
        // Four messages of one request share their enqueued time, so paging must order ties by id to be stable.
        var shared = """
            {"message": {"to": [{"email": "p1@example.com"}, {"email": "p2@example.com"}, {"email": "p3@example.com"}, {"email": "p4@example.com"}],
              "content": {"body": "Hi"}, "metadata": {"tags": ["TAG"]}}}
            """;
        await SendAsync(shared.Replace("TAG", tag, StringComparison.Ordinal));
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(Body($"single{i}@example.com", tag));
        }

        var everything = await ListIdsAsync($"tag={tag}");
        Assert.Equal(7, everything.Count);

        var paged = new List<string>();
        var pageSizes = new List<int>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await GetJsonAsync($"/api/messages?tag={tag}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var ids = page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
            paged.AddRange(ids);
            pageSizes.Add(ids.Count);
            var paging = page.GetProperty("paging");
            if (!paging.GetProperty("more").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, paging.GetProperty("cursor").ValueKind);
                cursor = null;
                break;
            }

            cursor = paging.GetProperty("cursor").GetString();
            Assert.False(string.IsNullOrEmpty(cursor));
        }

        Assert.Null(cursor);
        Assert.Equal([2, 2, 2, 1], pageSizes);
        Assert.Equal(paged.Count, paged.Distinct().Count());
        Assert.Equal(everything, paged);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("bm90LWEtY3Vyc29y")] // base64 of "not-a-cursor"
    [InlineData("MDpzb21lLWlk")] // base64 of "0:some-id": no time
    public async Task List_Answers400_ForInvalidCursor(string cursor)
    {
        var response = await client.GetAsync($"/api/messages?cursor={Uri.EscapeDataString(cursor)}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "cursor");
    }

    [Theory]
    [InlineData("BOGUS")]
    [InlineData("ENQUEUED,NOPE")]
    [InlineData("1")]
    public async Task List_Answers400_ForUnknownStatus(string status)
    {
        var response = await client.GetAsync($"/api/messages?status={Uri.EscapeDataString(status)}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "status");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("ten")]
    public async Task List_Answers400_ForLimitOutOfRange(string limit)
    {
        var response = await client.GetAsync($"/api/messages?limit={limit}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "limit");
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-45")]
    public async Task List_Answers400_ForInvalidEnqueuedAfter(string value)
    {
        var response = await client.GetAsync($"/api/messages?enqueued_after={value}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "enqueued_after");
    }

    [Fact]
    public async Task Get_ReturnsCourierMessageDetails_ForEnqueuedMessage()
    {
        var tag = NewTag();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = await SendAsync(Body("details@example.com", tag, traceId: "trace-details"));
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var details = await GetJsonAsync($"/api/messages/{id}");

        Assert.Equal(id, details.GetProperty("id").GetString());
        Assert.Equal(id, details.GetProperty("request_id").GetString());
        Assert.Equal("ENQUEUED", details.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, details.GetProperty("enqueued").ValueKind);
        Assert.InRange(details.GetProperty("enqueued").GetInt64(), before, after);
        Assert.Equal("details@example.com", details.GetProperty("recipient").GetString());
        Assert.Equal(string.Empty, details.GetProperty("event").GetString());
        Assert.Equal(string.Empty, details.GetProperty("notification").GetString());
        Assert.Equal(JsonValueKind.Null, details.GetProperty("sent").ValueKind);
        Assert.Equal(JsonValueKind.Null, details.GetProperty("delivered").ValueKind);
        Assert.Equal([tag], details.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("trace-details", details.GetProperty("trace_id").GetString());
    }

    [Fact]
    public async Task Get_ReturnsTemplateAsEventAndNotification_ForTemplateSend()
    {
        var id = await SendAsync("""{"message": {"to": {"email": "templated@example.com"}, "template": "welcome-email"}}""");

        var details = await GetJsonAsync($"/api/messages/{id}");

        Assert.Equal("welcome-email", details.GetProperty("event").GetString());
        Assert.Equal("welcome-email", details.GetProperty("notification").GetString());
    }

    [Fact]
    public async Task History_ReturnsEnqueuedEvent_ForNewMessage()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = await SendAsync(Body("history@example.com", NewTag()));

        var history = await GetJsonAsync($"/api/messages/{id}/history");

        var entry = Assert.Single(history.GetProperty("results").EnumerateArray());
        Assert.Equal("ENQUEUED", entry.GetProperty("type").GetString());
        Assert.Equal("ENQUEUED", entry.GetProperty("status").GetString());
        Assert.Equal(MessageEventSources.Api, entry.GetProperty("source").GetString());
        Assert.InRange(entry.GetProperty("ts").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task History_ReturnsOnlyThatType_ForTypeFilter()
    {
        var id = await SendAsync(Body("history-type@example.com", NewTag()));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/messages/{id}/cancel", null)).StatusCode);

        var history = await GetJsonAsync($"/api/messages/{id}/history?type=canceled");

        var entry = Assert.Single(history.GetProperty("results").EnumerateArray());
        Assert.Equal("CANCELED", entry.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Output_ReturnsEmptyResults_WithoutAttempts()
    {
        var id = await SendAsync(Body("output@example.com", NewTag()));

        var output = await GetJsonAsync($"/api/messages/{id}/output");

        Assert.Equal(JsonValueKind.Array, output.GetProperty("results").ValueKind);
        Assert.Empty(output.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task Cancel_Answers200WithCanceledRecord_ForEnqueuedMessage()
    {
        var id = await SendAsync(Body("cancel@example.com", NewTag()));

        var response = await client.PostAsync($"/api/messages/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await ApiJson.ReadAsync(response);
        Assert.Equal(id, record.GetProperty("id").GetString());
        Assert.Equal("CANCELED", record.GetProperty("status").GetString());
        var stored = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == id));
        Assert.Equal(MessageStatus.Canceled, stored.Status);
        Assert.Null(stored.NextAttemptAt);
        var history = await GetJsonAsync($"/api/messages/{id}/history");
        Assert.Equal(["ENQUEUED", "CANCELED"], history.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("CANCELED", history.GetProperty("results")[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_Answers200_ForDelayedMessage()
    {
        var id = await SendAsync(Body("cancel-delayed@example.com", NewTag(), delayMs: 3_600_000));

        var response = await client.PostAsync($"/api/messages/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CANCELED", (await ApiJson.ReadAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_Answers409WithRecord_WhenAlreadyCanceled()
    {
        var id = await SendAsync(Body("cancel-twice@example.com", NewTag()));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/messages/{id}/cancel", null)).StatusCode);

        var response = await client.PostAsync($"/api/messages/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("false", Assert.Single(response.Headers.GetValues("x-should-retry")));
        var body = await ApiJson.ReadAsync(response);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("CANCELED", body.GetProperty("status").GetString());
        Assert.Equal("conflict", body.GetProperty("type").GetString());
        Assert.Contains("CANCELED", body.GetProperty("message").GetString());
        var events = await factory.QueryAsync(db => db.MessageEvents.CountAsync(e => e.MessageId == id));
        Assert.Equal(2, events);
    }

    [Fact]
    public async Task Retry_Answers409WithRecord_ForCanceledMessage()
    {
        var id = await SendAsync(Body("retry-canceled@example.com", NewTag()));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/messages/{id}/cancel", null)).StatusCode);

        var response = await client.PostAsync($"/api/messages/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("false", Assert.Single(response.Headers.GetValues("x-should-retry")));
        var body = await ApiJson.ReadAsync(response);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("CANCELED", body.GetProperty("status").GetString());
        var stored = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == id));
        Assert.Equal(MessageStatus.Canceled, stored.Status);
        Assert.Null(stored.NextAttemptAt);
        Assert.False(await factory.QueryAsync(db => db.MessageEvents.AnyAsync(e => e.MessageId == id && e.Type == MessageEventTypes.RetryRequested)));
    }

    [Fact]
    public async Task Retry_Answers409_ForDelayedMessage()
    {
        var id = await SendAsync(Body("retry-delayed@example.com", NewTag(), delayMs: 3_600_000));

        var response = await client.PostAsync($"/api/messages/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("DELAYED", (await ApiJson.ReadAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Retry_Answers200AndMovesNextAttemptToNow_ForEnqueuedMessageWithPendingRetry()
    {
        var id = await SendAsync(Body("retry-pending@example.com", NewTag()));
        // What the send job leaves after a transient failure: one attempt made, the next one scheduled later.
        var scheduled = DateTimeOffset.UtcNow.AddMinutes(10);
        await factory.QueryAsync(db => db.Messages.Where(m => m.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.AttemptCount, 1)
            .SetProperty(m => m.NextAttemptAt, scheduled)));

        var response = await client.PostAsync($"/api/messages/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ENQUEUED", (await ApiJson.ReadAsync(response)).GetProperty("status").GetString());
        var stored = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == id));
        Assert.True(stored.NextAttemptAt < scheduled, $"next attempt {stored.NextAttemptAt:O} should have moved before {scheduled:O}");
        Assert.True(await factory.QueryAsync(db => db.MessageEvents.AnyAsync(e => e.MessageId == id && e.Type == MessageEventTypes.RetryRequested)));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/history")]
    [InlineData("GET", "/output")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/retry")]
    public async Task MessageEndpoints_Answer404_ForUnknownId(string method, string suffix)
    {
        var before = await factory.CountRowsAsync();
        var id = "0123456789abcdef0123456789abcdef";

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/messages/{id}{suffix}"));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "not_found", field: null);
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    private static string NewTag() => $"t{Guid.NewGuid():N}";

    private static string Body(string email, string tag, string? traceId = null, int? delayMs = null, string? extraTag = null)
    {
        var metadata = new JsonObject { ["tags"] = extraTag is null ? new JsonArray(tag) : new JsonArray(tag, extraTag) };
        if (traceId is not null)
        {
            metadata["trace_id"] = traceId;
        }

        var message = new JsonObject
        {
            ["to"] = new JsonObject { ["email"] = email },
            ["content"] = new JsonObject { ["title"] = "Hello", ["body"] = "Hi" },
            ["metadata"] = metadata,
        };
        if (delayMs is not null)
        {
            message["delay"] = new JsonObject { ["duration"] = delayMs };
        }

        return new JsonObject { ["message"] = message }.ToJsonString();
    }

    private async Task<string> SendAsync(string body)
    {
        var response = await client.PostAsync("/api/send", ApiJson.Content(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString()!;
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiJson.ReadAsync(response);
    }

    private async Task<List<string>> ListIdsAsync(string query)
    {
        var page = await GetJsonAsync($"/api/messages?{query}");
        return page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? field)
    {
        Assert.Equal(status, response.StatusCode);
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, ApiJson.Field(error));
        }
    }
}
