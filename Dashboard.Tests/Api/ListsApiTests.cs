using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class ListsApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public static TheoryData<string, string, string, string> BadBodies => new()
    {
        { "PUT", "", """{}""", "name" },
        { "PUT", "", """{"name": 5}""", "name" },
        { "PUT", "", """{"name": "ok", "preferences": []}""", "preferences" },
        { "POST", "/subscriptions", """{}""", "recipients" },
        { "POST", "/subscriptions", """{"recipients": [{"recipient_id": "a"}]}""", "recipients[0].recipientId" },
        { "PUT", "/subscriptions", """{"recipients": ["a"]}""", "recipients[0]" },
        { "POST", "/subscriptions", """{"recipients": [{"recipientId": "ok"}, {"recipientId": "bad\u0001"}]}""", "recipients[1].recipientId" },
        { "POST", "/subscriptions", """[]""", "body" },
    };

    [Fact]
    public async Task Put_CreatesList_ThenGetAnswersIt_InCourierShape()
    {
        var id = $"{run}.news";

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, $"/api/lists/{id}", """{"name": "News"}""")).StatusCode);

        var list = await GetJsonAsync($"/api/lists/{id}");
        Assert.Equal(id, list.GetProperty("id").GetString());
        Assert.Equal("News", list.GetProperty("name").GetString());
        Assert.True(DateTimeOffset.TryParse(list.GetProperty("created").GetString(), out _));
    }

    [Fact]
    public async Task List_FiltersByPattern_WithOneAndManyPartWildcards()
    {
        foreach (var id in new[] { $"{run}.us", $"{run}.us.west", $"{run}.eu", $"other{run}.us" })
        {
            await SendAsync(HttpMethod.Put, $"/api/lists/{id}", $$"""{"name": "{{id}}"}""");
        }

        Assert.Equal([$"{run}.eu", $"{run}.us"], await ListIdsAsync($"{run}.*"));
        Assert.Equal([$"{run}.eu", $"{run}.us", $"{run}.us.west"], await ListIdsAsync($"{run}.**"));
    }

    [Fact]
    public async Task List_PagesWithCursor_WithoutRepeatsOrGaps()
    {
        var ids = Enumerable.Range(0, 5).Select(i => $"{run}.page.{i}").ToList();
        foreach (var id in ids)
        {
            await SendAsync(HttpMethod.Put, $"/api/lists/{id}", """{"name": "p"}""");
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync($"/api/lists?pattern={run}.page.*&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("paging").GetProperty("more").GetBoolean() ? page.GetProperty("paging").GetProperty("cursor").GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Delete_ArchivesList_AndRestoreBringsItBackWithSubscribers()
    {
        var id = $"{run}.archive";
        await SendAsync(HttpMethod.Post, $"/api/lists/{id}/subscriptions", """{"recipients": [{"recipientId": "u1"}]}""");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/lists/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/lists/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, $"/api/lists/{id}/restore", "{}")).StatusCode);
        Assert.Equal(["u1"], await SubscriberIdsAsync(id));
    }

    [Fact]
    public async Task Subscriptions_AddReplaceAndRemove_KeepCamelCaseRecipientId()
    {
        var id = $"{run}.subs";

        await SendAsync(HttpMethod.Post, $"/api/lists/{id}/subscriptions", """{"recipients": [{"recipientId": "a"}, {"recipientId": "b", "preferences": {"notifications": {}}}]}""");
        Assert.Equal(["a", "b"], await SubscriberIdsAsync(id));
        var page = await GetJsonAsync($"/api/lists/{id}/subscriptions");
        Assert.Equal(JsonValueKind.Object, page.GetProperty("items")[1].GetProperty("preferences").ValueKind);

        await SendAsync(HttpMethod.Put, $"/api/lists/{id}/subscriptions", """{"recipients": [{"recipientId": "c"}]}""");
        Assert.Equal(["c"], await SubscriberIdsAsync(id));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/lists/{id}/subscriptions/d", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/lists/{id}/subscriptions/c")).StatusCode);
        Assert.Equal(["d"], await SubscriberIdsAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/lists/{id}/subscriptions/c")).StatusCode);
    }

    [Fact]
    public async Task PathSegments_AreDecoded_WhenSlashIsPercentEncoded()
    {
        await SendAsync(HttpMethod.Put, $"/api/lists/{run}%2Fslash", """{"name": "Slash"}""");

        Assert.True(await factory.QueryAsync(db => db.Lists.AnyAsync(l => l.Id == $"{run}/slash")));
        Assert.Equal($"{run}/slash", (await GetJsonAsync($"/api/lists/{run}%2Fslash")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ProfileLists_SubscribeListAndDeleteAll_AnswerSuccess()
    {
        var user = $"user-{run}";

        var subscribed = await SendAsync(HttpMethod.Post, $"/api/profiles/{user}/lists", $$"""{"lists": [{"listId": "{{run}}.p1"}, {"listId": "{{run}}.p2"}]}""");
        Assert.Equal("SUCCESS", (await ApiJson.ReadAsync(subscribed)).GetProperty("status").GetString());

        var lists = await GetJsonAsync($"/api/profiles/{user}/lists");
        Assert.Equal([$"{run}.p1", $"{run}.p2"], lists.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.False(lists.GetProperty("paging").GetProperty("more").GetBoolean());

        var deleted = await client.DeleteAsync($"/api/profiles/{user}/lists");
        Assert.Equal("SUCCESS", (await ApiJson.ReadAsync(deleted)).GetProperty("status").GetString());
        Assert.Equal(0, (await GetJsonAsync($"/api/profiles/{user}/lists")).GetProperty("results").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Writes_Answer400NamingFieldAndStoreNothing_ForBadBodies(string method, string suffix, string body, string field)
    {
        var id = $"{run}.bad";

        var response = await SendAsync(new HttpMethod(method), $"/api/lists/{id}{suffix}", body, expectSuccess: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.False(await factory.QueryAsync(db => db.Lists.AnyAsync(l => l.Id == id)));
    }

    [Theory]
    [InlineData("%01bad")]
    [InlineData("long")]
    public async Task Put_Answers400OnListId_ForControlCharactersOrOver255(string id)
    {
        id = id == "long" ? new string('x', 256) : id;

        var response = await SendAsync(HttpMethod.Put, $"/api/lists/{id}", """{"name": "n"}""", expectSuccess: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("list_id", ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    [Fact]
    public async Task List_Answers400OnCursor_ForForgedCursor()
    {
        var response = await client.GetAsync("/api/lists?cursor=***");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("cursor", ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    private async Task<List<string>> ListIdsAsync(string pattern) =>
        (await GetJsonAsync($"/api/lists?pattern={Uri.EscapeDataString(pattern)}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private async Task<List<string>> SubscriberIdsAsync(string listId) =>
        (await GetJsonAsync($"/api/lists/{listId}/subscriptions")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recipientId").GetString()!).ToList();

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiJson.ReadAsync(response);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, bool expectSuccess = true)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = ApiJson.Content(body) });
        if (expectSuccess)
        {
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
