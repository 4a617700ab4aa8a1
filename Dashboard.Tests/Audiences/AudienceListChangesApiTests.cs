using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Dashboard.Tests.Audiences;

/// <summary>
/// MEMBER_OF audiences follow list subscription changes incrementally, and an audience send narrows by its
/// <c>filters</c>. The calculation and the fan-out are run directly (the factory has no job server).
/// </summary>
public sealed class AudienceListChangesApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ListSubscription_AddsAndRemovesMemberOfMembers_WithoutRecalculation()
    {
        var (list, audience) = ($"{run}.news", $"{run}-readers");
        await ProfileAsync("a");
        await ProfileAsync("b");
        await MemberOfAudienceAsync(audience, list);

        await SendAsync(HttpMethod.Post, $"/api/lists/{list}/subscriptions", $$"""{"recipients": [{"recipientId": "{{run}}-a"}, {"recipientId": "{{run}}-b"}]}""");
        Assert.Equal([$"{run}-a", $"{run}-b"], await MembersAsync(audience));

        await SendAsync(HttpMethod.Delete, $"/api/lists/{list}/subscriptions/{run}-a", null);
        Assert.Equal([$"{run}-b"], await MembersAsync(audience));

        var got = await client.GetFromJsonAsync<JsonElement>($"/api/audiences/{audience}");
        Assert.Equal((1, 1), (got.GetProperty("member_count").GetInt32(), got.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task ReplaceSubscribers_RemovesThoseLeft_AndAddsThoseJoined()
    {
        var (list, audience) = ($"{run}.replace", $"{run}-replaced");
        await ProfileAsync("a");
        await ProfileAsync("b");
        await SendAsync(HttpMethod.Post, $"/api/lists/{list}/subscriptions", $$"""{"recipients": [{"recipientId": "{{run}}-a"}]}""");
        await MemberOfAudienceAsync(audience, list);
        Assert.Equal([$"{run}-a"], await MembersAsync(audience));

        await SendAsync(HttpMethod.Put, $"/api/lists/{list}/subscriptions", $$"""{"recipients": [{"recipientId": "{{run}}-b"}]}""");

        Assert.Equal([$"{run}-b"], await MembersAsync(audience));
        var member = (await client.GetFromJsonAsync<JsonElement>($"/api/audiences/{audience}/members")).GetProperty("items")[0];
        Assert.Equal("list subscription change", member.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ProfileLists_SubscribeAndUnsubscribeAll_UpdateMembership()
    {
        var (list, audience) = ($"{run}.profile", $"{run}-via-profile");
        await ProfileAsync("a");
        await MemberOfAudienceAsync(audience, list);

        await SendAsync(HttpMethod.Post, $"/api/profiles/{run}-a/lists", $$"""{"lists": [{"listId": "{{list}}"}]}""");
        Assert.Equal([$"{run}-a"], await MembersAsync(audience));

        await SendAsync(HttpMethod.Delete, $"/api/profiles/{run}-a/lists", null);
        Assert.Empty(await MembersAsync(audience));
    }

    [Fact]
    public async Task SendToAudience_WithMemberOfFilter_ReachesOnlyMembersOfThatList()
    {
        var audience = $"{run}-everyone";
        await ProfileAsync("a");
        await ProfileAsync("b");
        await SendAsync(HttpMethod.Put, $"/api/audiences/{audience}", $$"""{"name": "N", "filter": {"filters": [{"operator": "EQ", "path": "run", "value": "{{run}}"}]} }""");
        await CalculateAsync(audience);
        await SendAsync(HttpMethod.Post, $"/api/lists/{run}.vip/subscriptions", $$"""{"recipients": [{"recipientId": "{{run}}-b"}]}""");

        var body = $$"""{"message": {"to": {"audience_id": "{{audience}}", "filters": [{"operator": "MEMBER_OF", "path": "account_id", "value": "{{run}}.vip"}]}, "content": {"title": "T", "body": "B"} } }""";
        var requestId = (await SendAsync(HttpMethod.Post, "/api/send", body)).GetProperty("requestId").GetString()!;
        Assert.True(await factory.Services.GetRequiredService<FanOutExpander>().ExpandAsync(requestId, CancellationToken.None));

        var users = await factory.QueryAsync(db => db.Messages.Where(m => m.RequestId == requestId).Select(m => m.RecipientUserId).ToListAsync());
        Assert.Equal([$"{run}-b"], users);
    }

    [Theory]
    [InlineData("""{"audience_id": "x", "filters": {}}""", "message.to.filters")]
    [InlineData("""{"audience_id": "x", "filters": [{"operator": "EQ", "path": "account_id", "value": "l"}]}""", "message.to.filters[0].operator")]
    [InlineData("""{"audience_id": "x", "filters": [{"operator": "MEMBER_OF", "path": "plan", "value": "l"}]}""", "message.to.filters[0].path")]
    [InlineData("""{"audience_id": "x", "filters": [{"operator": "MEMBER_OF", "path": "account_id"}]}""", "message.to.filters[0].value")]
    [InlineData("""{"audience_id": "x", "filters": [{"operator": "MEMBER_OF", "value": "l", "colour": 1}]}""", "message.to.filters[0].colour")]
    [InlineData("""{"list_id": "x", "filters": [{"operator": "MEMBER_OF", "value": "l"}]}""", "message.to.filters")]
    public async Task Send_Answers400NamingTheFilter_ForBadAudienceFilters(string to, string field)
    {
        var before = await factory.QueryAsync(db => db.FanOutRequests.CountAsync());

        var response = await client.PostAsync("/api/send", ApiJson.Content($$"""{"message": {"to": {{to}}, "content": {"title": "T", "body": "B"} } }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, await factory.QueryAsync(db => db.FanOutRequests.CountAsync()));
    }

    private async Task MemberOfAudienceAsync(string id, string list)
    {
        // "run" scopes the audience to this test's profiles: the store is shared by the class's tests.
        await SendAsync(HttpMethod.Put, $"/api/audiences/{id}",
            $$"""{"name": "N", "operator": "AND", "filter": {"filters": [{"operator": "MEMBER_OF", "value": "{{list}}"}, {"operator": "EQ", "path": "run", "value": "{{run}}"}]} }""");
        await CalculateAsync(id);
    }

    private Task ProfileAsync(string user) => SendAsync(HttpMethod.Put, $"/api/profiles/{run}-{user}", $$"""{"profile": {"run": "{{run}}"} }""");

    private Task<JsonElement> SendAsync(HttpMethod method, string path, string? json) => ApiJson.SendOkAsync(client, method, path, json);

    private Task CalculateAsync(string id) => factory.Services.GetRequiredService<AudienceCalculator>().RunAsync(id, CancellationToken.None);

    private async Task<List<string>> MembersAsync(string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/audiences/{id}/members")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("member_id").GetString()!).Order(StringComparer.Ordinal).ToList();
}
