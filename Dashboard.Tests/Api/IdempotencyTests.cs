using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class IdempotencyTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private const string KeyHeader = "Idempotency-Key";
    private const string ReplayedHeader = "Idempotent-Replayed";

    private readonly HttpClient client = factory.CreateApiClient();

    [Fact]
    public async Task Send_ReplaysStoredStatusAndBody_ForSameKeyAndBody()
    {
        var key = NewKey();
        var tag = NewTag();
        var body = SendBody("replay@example.com", tag);

        var first = await PostAsync(client, "/api/send", body, key);
        var second = await PostAsync(client, "/api/send", body, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False(first.Headers.Contains(ReplayedHeader));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ReplayedHeader)));
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_ReplaysStoredError_ForSameKeyAndInvalidBody()
    {
        var key = NewKey();
        var body = """{"message": {"to": {"email": "not-an-email"}, "content": {"body": "Hi"}}}""";
        var before = await factory.CountRowsAsync();

        var first = await PostAsync(client, "/api/send", body, key);
        var second = await PostAsync(client, "/api/send", body, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ReplayedHeader)));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal("message.to.email", ApiJson.Field(await ApiJson.ReadAsync(second)));
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task Send_Answers422AndStoresNothing_ForSameKeyWithDifferentBody()
    {
        var key = NewKey();
        var tag = NewTag();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "/api/send", SendBody("first@example.com", tag), key)).StatusCode);
        var before = await factory.CountRowsAsync();

        var response = await PostAsync(client, "/api/send", SendBody("second@example.com", tag), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(response.Headers.Contains(ReplayedHeader));
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal("idempotency_key_reused", error.GetProperty("type").GetString());
        Assert.Equal(KeyHeader, ApiJson.Field(error));
        Assert.Equal(before, await factory.CountRowsAsync());
        Assert.Equal(1, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_TreatsSameKeyIndependently_UnderAnotherApiKey()
    {
        var other = await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync($"second {Guid.NewGuid():N}", "test");
        var otherClient = factory.CreateApiClient(other.Secret);
        var key = NewKey();
        var tag = NewTag();
        var body = SendBody("scoped@example.com", tag);

        var mine = await PostAsync(client, "/api/send", body, key);
        var theirs = await PostAsync(otherClient, "/api/send", body, key);
        var theirsDifferent = await PostAsync(otherClient, "/api/send", SendBody("scoped-other@example.com", tag), NewKey());
        var theirsReplay = await PostAsync(otherClient, "/api/send", body, key);
        var mineReplay = await PostAsync(client, "/api/send", body, key);

        Assert.Equal(HttpStatusCode.Accepted, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, theirsDifferent.StatusCode);
        Assert.False(theirs.Headers.Contains(ReplayedHeader));
        var mineId = await RequestIdAsync(mine);
        var theirsId = await RequestIdAsync(theirs);
        Assert.NotEqual(mineId, theirsId);
        Assert.Equal(theirsId, await RequestIdAsync(theirsReplay));
        Assert.Equal(mineId, await RequestIdAsync(mineReplay));
        Assert.Equal(3, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_TreatsKeyAsNew_UnderAnotherApiKeyWithDifferentBody()
    {
        var other = await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync($"third {Guid.NewGuid():N}", "test");
        var key = NewKey();
        var tag = NewTag();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "/api/send", SendBody("a@example.com", tag), key)).StatusCode);

        var response = await PostAsync(factory.CreateApiClient(other.Secret), "/api/send", SendBody("b@example.com", tag), key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_StoresOneMessage_ForConcurrentRequestsWithSameKey()
    {
        var key = NewKey();
        var tag = NewTag();
        var body = SendBody("concurrent@example.com", tag);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => PostAsync(client, "/api/send", body, key))));

        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).ToList();
        var inProgress = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(responses.Length, accepted.Count + inProgress.Count);
        Assert.NotEmpty(accepted);
        var requestIds = new HashSet<string>();
        foreach (var response in accepted)
        {
            requestIds.Add(await RequestIdAsync(response));
        }

        Assert.Single(requestIds);
        foreach (var response in inProgress)
        {
            Assert.NotNull(response.Headers.RetryAfter);
            var error = await ApiJson.ReadAsync(response);
            Assert.Equal("idempotency_in_progress", error.GetProperty("type").GetString());
        }

        var messages = await factory.QueryAsync(db => db.Messages.Where(m => m.Tags == tag).Select(m => m.Id).ToListAsync());
        Assert.Equal(requestIds.Single(), Assert.Single(messages));
        Assert.Equal(1, await factory.QueryAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == key)));
    }

    [Fact]
    public async Task Send_Answers409WithRetryAfter_WhileFirstRequestIsStillRunning()
    {
        var key = NewKey();
        var tag = NewTag();
        var body = SendBody("running@example.com", tag);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "/api/send", body, key)).StatusCode);
        // Put the record back in the state it has while the first request runs: claimed, not completed.
        await factory.QueryAsync(db => db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.CompletedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.StatusCode, (int?)null)
            .SetProperty(r => r.ResponseBody, (string?)null)));
        var before = await factory.CountRowsAsync();

        var response = await PostAsync(client, "/api/send", body, key);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal("idempotency_in_progress", error.GetProperty("type").GetString());
        Assert.Equal(KeyHeader, ApiJson.Field(error));
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task Send_RunsAgainAndAnswers202_WhenFirstRequestDiedAndItsLeaseExpired()
    {
        var key = NewKey();
        var tag = NewTag();
        var body = SendBody("crashed@example.com", tag);
        await StoreCrashedClaimAsync(key, body, leaseUntil: DateTimeOffset.UtcNow.AddSeconds(-1));

        var retry = await PostAsync(client, "/api/send", body, key);
        var replay = await PostAsync(client, "/api/send", body, key);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.False(retry.Headers.Contains(ReplayedHeader));
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues(ReplayedHeader)));
        Assert.Equal(await RequestIdAsync(retry), await RequestIdAsync(replay));
        Assert.Equal(1, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_Answers409WithRetryAfterOfRemainingLease_WhileCrashedRequestsLeaseHolds()
    {
        var key = NewKey();
        var tag = NewTag();
        var body = SendBody("still-held@example.com", tag);
        await StoreCrashedClaimAsync(key, body, leaseUntil: DateTimeOffset.UtcNow.AddSeconds(20));

        var response = await PostAsync(client, "/api/send", body, key);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 15, 20);
        Assert.Equal(0, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_ExactlyOneRetryTakesOver_WhenManyArriveAfterLeaseExpired()
    {
        var key = NewKey();
        var tag = NewTag();
        var body = SendBody("takeover@example.com", tag);
        await StoreCrashedClaimAsync(key, body, leaseUntil: DateTimeOffset.UtcNow.AddSeconds(-1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostAsync(client, "/api/send", body, key))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        var requestIds = new HashSet<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Accepted))
        {
            requestIds.Add(await RequestIdAsync(response));
        }

        Assert.Single(requestIds);
        Assert.Equal(1, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_Answers422_ForExpiredLeaseWithDifferentBody()
    {
        var key = NewKey();
        var tag = NewTag();
        await StoreCrashedClaimAsync(key, SendBody("original@example.com", tag), leaseUntil: DateTimeOffset.UtcNow.AddSeconds(-1));

        var response = await PostAsync(client, "/api/send", SendBody("other@example.com", tag), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(0, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_KeepsRecordFor24Hours_AndAcceptsKeyAgainAfterExpiry()
    {
        var key = NewKey();
        var tag = NewTag();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "/api/send", SendBody("expiring@example.com", tag), key)).StatusCode);
        var record = await factory.QueryAsync(db => db.IdempotencyRecords.SingleAsync(r => r.Key == key));
        Assert.Equal(TimeSpan.FromHours(24), record.ExpiresAt - record.CreatedAt);
        await factory.QueryAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        var response = await PostAsync(client, "/api/send", SendBody("after-expiry@example.com", tag), key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(response.Headers.Contains(ReplayedHeader));
        Assert.Equal(2, await CountTaggedAsync(tag));
    }

    [Fact]
    public async Task Send_Answers400AndStoresNothing_ForKeyLongerThan255()
    {
        var before = await factory.CountRowsAsync();

        var response = await PostAsync(client, "/api/send", SendBody("long-key@example.com", NewTag()), new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(KeyHeader, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task ProfilePost_ReplaysWithoutWritingAgain_ForSameKeyAndBody()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var key = NewKey();
        var merge = """{"profile": {"plan": "pro"}}""";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, $"/api/profiles/{user}", merge, key)).StatusCode);
        var replace = await client.PutAsync($"/api/profiles/{user}", ApiJson.Content("""{"profile": {"plan": "free"}}"""));
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);

        var replay = await PostAsync(client, $"/api/profiles/{user}", merge, key);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues(ReplayedHeader)));
        var profile = JsonNode.Parse(await (await client.GetAsync($"/api/profiles/{user}")).Content.ReadAsStringAsync())!["profile"]!;
        Assert.Equal("free", profile["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_ReplaysFirstAnswer_ForSameKey()
    {
        var sent = await PostAsync(client, "/api/send", SendBody("cancel-once@example.com", NewTag()), key: null);
        var id = await RequestIdAsync(sent);
        var key = NewKey();

        var first = await PostAsync(client, $"/api/messages/{id}/cancel", body: null, key);
        var second = await PostAsync(client, $"/api/messages/{id}/cancel", body: null, key);
        var withoutKey = await PostAsync(client, $"/api/messages/{id}/cancel", body: null, key: null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ReplayedHeader)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode);
    }

    /// <summary>The record a request leaves when the process dies mid-flight: claimed, never completed.</summary>
    private async Task StoreCrashedClaimAsync(string key, string body, DateTimeOffset leaseUntil)
    {
        // A real claim under the same API key tells the scope the middleware uses.
        var probeKey = NewKey();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "/api/send", SendBody("probe@example.com", NewTag()), probeKey)).StatusCode);
        await factory.QueryAsync(async db =>
        {
            var scope = await db.IdempotencyRecords.Where(r => r.Key == probeKey).Select(r => r.Scope).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = IdempotencyMiddleware.RequestHash("POST", "/api/send", Encoding.UTF8.GetBytes(body)),
                CreatedAt = now.AddMinutes(-1),
                ExpiresAt = now.AddHours(23),
                LeaseUntil = leaseUntil,
            });
            return await db.SaveChangesAsync();
        });
    }

    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    private static string NewTag() => $"t{Guid.NewGuid():N}";

    private static string SendBody(string email, string tag) => new JsonObject
    {
        ["message"] = new JsonObject
        {
            ["to"] = new JsonObject { ["email"] = email },
            ["content"] = new JsonObject { ["title"] = "Hello", ["body"] = "Hi" },
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tag) },
        },
    }.ToJsonString();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = ApiJson.Content(body);
        }

        if (key is not null)
        {
            request.Headers.Add(KeyHeader, key);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> RequestIdAsync(HttpResponseMessage response) =>
        (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString()!;

    private Task<int> CountTaggedAsync(string tag) =>
        factory.QueryAsync(db => db.MessageTags.CountAsync(t => t.Tag == tag));
}
