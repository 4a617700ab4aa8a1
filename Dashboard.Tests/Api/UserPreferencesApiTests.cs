using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class UserPreferencesApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{}""", "topic" },
        { """{"topic": {}}""", "topic.status" },
        { """{"topic": {"status": "MAYBE"}}""", "topic.status" },
        { """{"topic": {"status": "OPTED_IN", "has_custom_routing": "yes"}}""", "topic.has_custom_routing" },
        { """{"topic": {"status": "OPTED_IN", "has_custom_routing": true, "custom_routing": ["pigeon"]}}""", "topic.custom_routing[0]" },
        { """{"topic": {"status": "OPTED_IN", "has_custom_routing": true}}""", "topic.custom_routing" },
    };

    [Fact]
    public async Task Put_CreatesUnknownTopicOptedInByDefault_AndStoresTheChoice()
    {
        var topic = $"{run}-news";

        var put = await SendAsync(HttpMethod.Put, $"/api/users/u-{run}/preferences/{topic}", """{"topic": {"status": "OPTED_OUT"}}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var one = (await GetJsonAsync($"/api/users/u-{run}/preferences/{topic}")).GetProperty("topic");
        Assert.Equal(("OPTED_OUT", "OPTED_IN", topic), (one.GetProperty("status").GetString(), one.GetProperty("default_status").GetString(), one.GetProperty("topic_id").GetString()));
        var other = (await GetJsonAsync($"/api/users/someone-else-{run}/preferences/{topic}")).GetProperty("topic");
        Assert.Equal("OPTED_IN", other.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_ListsEveryTopic_WithCustomRoutingInCourierNames()
    {
        var topic = $"{run}-chat";
        await SendAsync(HttpMethod.Put, $"/api/users/u-{run}/preferences/{topic}", """{"topic": {"status": "OPTED_IN", "has_custom_routing": true, "custom_routing": ["direct_message", "email"]}}""");

        var all = await GetJsonAsync($"/api/users/u-{run}/preferences");

        var item = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("topic_id").GetString() == topic);
        Assert.True(item.GetProperty("has_custom_routing").GetBoolean());
        Assert.Equal(["direct_message", "email"], item.GetProperty("custom_routing").EnumerateArray().Select(c => c.GetString()));
        Assert.False(all.GetProperty("paging").GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task Put_Answers400_WhenOptingOutOfRequiredTopic()
    {
        var topic = $"{run}-security";
        await SendAsync(HttpMethod.Put, $"/api/preferences/topics/{topic}", """{"name": "Security", "default_status": "REQUIRED"}""");

        var response = await SendAsync(HttpMethod.Put, $"/api/users/u-{run}/preferences/{topic}", """{"topic": {"status": "OPTED_OUT"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("topic.status", ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.False(await factory.QueryAsync(db => db.UserTopicPreferences.AnyAsync(p => p.TopicId == topic)));
        Assert.Equal("REQUIRED", (await GetJsonAsync($"/api/users/u-{run}/preferences/{topic}")).GetProperty("topic").GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_Answers400NamingFieldAndStoresNothing_ForBadBodies(string body, string field)
    {
        var topic = $"{run}-bad";

        var response = await SendAsync(HttpMethod.Put, $"/api/users/u-{run}/preferences/{topic}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.False(await factory.QueryAsync(db => db.SubscriptionTopics.AnyAsync(t => t.Id == topic)));
    }

    [Fact]
    public async Task GetTopic_Answers404_ForUnknownTopic()
    {
        var response = await client.GetAsync($"/api/users/u-{run}/preferences/{run}-missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Topics_PutListAndDelete()
    {
        var topic = $"{run}-digest";

        var put = await SendAsync(HttpMethod.Put, $"/api/preferences/topics/{topic}", """{"name": "Digest", "section": "Product", "default_status": "OPTED_OUT", "default_channels": ["email"]}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var listed = (await GetJsonAsync("/api/preferences/topics")).GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == topic);
        Assert.Equal(("Digest", "Product", "OPTED_OUT"), (listed.GetProperty("name").GetString(), listed.GetProperty("section").GetString(), listed.GetProperty("default_status").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/preferences/topics/{topic}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/preferences/topics/{topic}")).StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiJson.ReadAsync(response);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = ApiJson.Content(body) });
}
