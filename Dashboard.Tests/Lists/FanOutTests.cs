using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Dashboard.Tests.Lists;

/// <summary>Sends to lists: the expansion is run directly (the factory has no job server), so each step is observable.</summary>
public sealed class FanOutTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task SendToList_MakesOneMessagePerMember_WithRequestMetadataAndProfileData()
    {
        var list = $"{run}.members";
        await SubscribeAsync(list, "a", "b", "c");
        await PutAsync($"/api/profiles/{run}-a", """{"profile": {"email": "a@example.com", "name": "Ada"}}""");

        var requestId = await SendAsync($$"""[{"list_id": "{{list}}", "data": {"offer": "10%"} }, {"user_id": "{{run}}-a"}]""");
        Assert.Equal("EXPANDING", (await RequestAsync(requestId)).GetProperty("status").GetString());
        await ExpandAsync(requestId);

        var request = await RequestAsync(requestId);
        Assert.Equal(("COMPLETED", 3, 3, 1), (request.GetProperty("status").GetString(), request.GetProperty("members").GetInt32(),
            request.GetProperty("messages").GetInt32(), request.GetProperty("duplicates").GetInt32()));
        var messages = await factory.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.RequestId == requestId).ToListAsync());
        Assert.Equal([$"{run}-a", $"{run}-b", $"{run}-c"], messages.Select(m => m.RecipientUserId).Order());
        Assert.All(messages, m => Assert.Equal(("fan", $"trace-{run}"), (m.Tags, m.TraceId)));
        var ada = messages.Single(m => m.RecipientUserId == $"{run}-b");
        Assert.Contains("\"offer\":\"10%\"", ada.RequestJson);
        Assert.Contains("a@example.com", messages.Single(m => m.RecipientUserId == $"{run}-a").RequestJson);
    }

    [Fact]
    public async Task Expansion_RunAgainFromTheStart_CreatesNoSecondMessage()
    {
        var list = $"{run}.rerun";
        await SubscribeAsync(list, "x", "y");
        var requestId = await SendAsync($$"""{"list_id": "{{list}}"}""");
        await ExpandAsync(requestId);

        // As after a crash between the batch's commit and the position's: the whole expansion again.
        await factory.QueryAsync(db => db.FanOutRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, FanOutStatus.Expanding).SetProperty(r => r.GroupIndex, 0).SetProperty(r => r.ListId, (string?)null)
            .SetProperty(r => r.AfterUserId, (string?)null).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)));
        await ExpandAsync(requestId);

        Assert.Equal(2, await factory.QueryAsync(db => db.Messages.CountAsync(m => m.RequestId == requestId)));
        Assert.Equal(2, (await RequestAsync(requestId)).GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task SendToListPattern_ReachesEachMemberOnce_AcrossMatchingLists()
    {
        await SubscribeAsync($"{run}.region.us", "p", "q");
        await SubscribeAsync($"{run}.region.eu", "q", "r");
        await SubscribeAsync($"{run}.other", "s");

        var requestId = await SendAsync($$"""{"list_pattern": "{{run}}.region.*"}""");
        await ExpandAsync(requestId);

        var users = await factory.QueryAsync(db => db.Messages.Where(m => m.RequestId == requestId).Select(m => m.RecipientUserId).ToListAsync());
        Assert.Equal([$"{run}-p", $"{run}-q", $"{run}-r"], users.Order());
    }

    [Fact]
    public async Task SendToUnknownList_IsAccepted_AndCompletesWithNoMessagesAndAReason()
    {
        var requestId = await SendAsync($$"""{"list_id": "{{run}}.nobody"}""");
        await ExpandAsync(requestId);

        var request = await RequestAsync(requestId);
        Assert.Equal(("COMPLETED", 0), (request.GetProperty("status").GetString(), request.GetProperty("messages").GetInt32()));
        Assert.Contains($"No list '{run}.nobody'", request.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("""{"list_id": "bad\u0001id"}""", "message.to.list_id")]
    [InlineData("""{"list_id": 7}""", "message.to.list_id")]
    [InlineData("""{"list_pattern": "a..b"}""", "message.to.list_pattern")]
    [InlineData("""{"list_id": "a", "email": "a@example.com"}""", "message.to")]
    [InlineData("""{"list_id": "a", "filters": []}""", "message.to.filters")]
    [InlineData("""{"list_id": "a", "data": 3}""", "message.to.data")]
    public async Task Send_Answers400NamingField_ForBadListRecipient(string to, string field)
    {
        var response = await client.PostAsync("/api/send", ApiJson.Content($$"""{"message": {"to": {{to}}, "content": {"title": "T", "body": "B"} } }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    [Fact]
    public async Task GetRequest_Answers404_ForUnknownRequest()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/requests/{run}-missing")).StatusCode);
    }

    private async Task ExpandAsync(string requestId) =>
        Assert.True(await factory.Services.GetRequiredService<FanOutExpander>().ExpandAsync(requestId, CancellationToken.None));

    private async Task<JsonElement> RequestAsync(string requestId) => await client.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}");

    private async Task<string> SendAsync(string to)
    {
        var body = $$"""{"message": {"to": {{to}}, "content": {"title": "Hi", "body": "B"}, "routing": {"method": "single", "channels": ["email"]}, "metadata": {"tags": ["fan"], "trace_id": "trace-{{run}}"} } }""";
        var response = await client.PostAsync("/api/send", ApiJson.Content(body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"send: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiJson.ReadAsync(response)).GetProperty("requestId").GetString()!;
    }

    private async Task SubscribeAsync(string list, params string[] users)
    {
        var recipients = string.Join(",", users.Select(u => $$"""{"recipientId": "{{run}}-{{u}}"}"""));
        await PutAsync($"/api/lists/{list}/subscriptions", $$"""{"recipients": [{{recipients}}]}""", HttpMethod.Post);
    }

    private async Task PutAsync(string path, string body, HttpMethod? method = null)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Put, path) { Content = ApiJson.Content(body) });
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
