using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Dashboard.Tests.Audiences;

/// <summary>Audiences over the API; the calculation job is run directly (the factory has no job server).</summary>
public sealed class AudiencesApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Put_StartsCalculation_AndMembersAreServedWhenComplete()
    {
        await ProfileAsync("a", """{"plan": "pro", "run": "RUN"}""");
        await ProfileAsync("b", """{"plan": "free", "run": "RUN"}""");
        var audience = $"{run}-pro";

        var put = await PutAudienceAsync(audience, "plan", "pro");
        Assert.True(put.GetProperty("audience").GetProperty("calculating").GetBoolean());
        Assert.Empty(await MembersAsync(audience));

        await CalculateAsync(audience);

        Assert.Equal([$"{run}-a"], await MembersAsync(audience));
        var got = await client.GetFromJsonAsync<JsonElement>($"/api/audiences/{audience}");
        Assert.Equal((1, false), (got.GetProperty("member_count").GetInt32(), got.GetProperty("calculating").GetBoolean()));
    }

    [Fact]
    public async Task Recalculation_ServesPreviousMembership_UntilTheNewOneIsComplete()
    {
        await ProfileAsync("a", """{"plan": "pro", "run": "RUN"}""");
        await ProfileAsync("b", """{"plan": "free", "run": "RUN"}""");
        var audience = $"{run}-switch";
        await PutAudienceAsync(audience, "plan", "pro");
        await CalculateAsync(audience);

        await PutAudienceAsync(audience, "plan", "free");

        Assert.Equal([$"{run}-a"], await MembersAsync(audience));
        await CalculateAsync(audience);
        Assert.Equal([$"{run}-b"], await MembersAsync(audience));
    }

    [Fact]
    public async Task ProfileChange_UpdatesThatProfilesMembership_WithoutRecalculation()
    {
        await ProfileAsync("a", """{"plan": "pro", "run": "RUN"}""");
        var audience = $"{run}-incremental";
        await PutAudienceAsync(audience, "plan", "pro");
        await CalculateAsync(audience);

        await ProfileAsync("c", """{"plan": "pro", "run": "RUN"}""");
        await ProfileAsync("a", """{"plan": "free", "run": "RUN"}""");

        Assert.Equal([$"{run}-c"], await MembersAsync(audience));
        var member = (await client.GetFromJsonAsync<JsonElement>($"/api/audiences/{audience}/members")).GetProperty("items")[0];
        Assert.Equal("profile change", member.GetProperty("reason").GetString());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"/api/audiences/{audience}")).GetProperty("member_count").GetInt32());
    }

    [Fact]
    public async Task SendToAudience_MakesOneMessagePerMember()
    {
        await ProfileAsync("a", """{"plan": "pro", "run": "RUN", "email": "a@example.com"}""");
        await ProfileAsync("b", """{"plan": "pro", "run": "RUN", "email": "b@example.com"}""");
        var audience = $"{run}-send";
        await PutAudienceAsync(audience, "plan", "pro");
        await CalculateAsync(audience);

        var sent = await client.PostAsync("/api/send", ApiJson.Content($$"""{"message": {"to": {"audience_id": "{{audience}}"}, "content": {"title": "T", "body": "B"} } }"""));
        var requestId = (await ApiJson.ReadAsync(sent)).GetProperty("requestId").GetString()!;
        Assert.True(await factory.Services.GetRequiredService<FanOutExpander>().ExpandAsync(requestId, CancellationToken.None));

        var users = await factory.QueryAsync(db => db.Messages.Where(m => m.RequestId == requestId).Select(m => m.RecipientUserId).ToListAsync());
        Assert.Equal([$"{run}-a", $"{run}-b"], users.Order());
    }

    [Theory]
    [InlineData("""{"operator": "XOR"}""", "operator")]
    [InlineData("""{"filter": []}""", "filter")]
    [InlineData("""{"filter": {"filters": [{"operator": "SOUNDS_LIKE", "path": "a", "value": "b"}]}}""", "filter.filters[0].operator")]
    [InlineData("""{"filter": {"filters": [{"operator": "AND", "filters": [{"operator": "EQ", "value": "b"}]}]}}""", "filter.filters[0].filters[0].path")]
    [InlineData("""{"name": 5}""", "name")]
    public async Task Put_Answers400NamingTheFilter_AndStoresNothing(string body, string field)
    {
        var response = await client.PutAsync($"/api/audiences/{run}-bad", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.False(await factory.QueryAsync(db => db.Audiences.AnyAsync(a => a.Id == $"{run}-bad")));
    }

    [Fact]
    public async Task Put_Answers400OnAudienceId_ForIdOver255()
    {
        var response = await client.PutAsync($"/api/audiences/{new string('a', 256)}", ApiJson.Content("""{"name": "n"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("audience_id", ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    private async Task ProfileAsync(string user, string profile)
    {
        var response = await client.PutAsync($"/api/profiles/{run}-{user}", ApiJson.Content($$"""{"profile": {{profile.Replace("RUN", run)}} }"""));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> PutAudienceAsync(string id, string path, string value)
    {
        // "run" scopes the audience to this test's profiles: the store is shared by the class's tests.
        var body = $$"""{"name": "N", "operator": "AND", "filter": {"filters": [{"operator": "EQ", "path": "{{path}}", "value": "{{value}}"}, {"operator": "EQ", "path": "run", "value": "{{run}}"}]} }""";
        var response = await client.PutAsync($"/api/audiences/{id}", ApiJson.Content(body));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await ApiJson.ReadAsync(response);
    }

    private Task CalculateAsync(string id) => factory.Services.GetRequiredService<AudienceCalculator>().RunAsync(id, CancellationToken.None);

    private async Task<List<string>> MembersAsync(string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/audiences/{id}/members")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("member_id").GetString()!).ToList();
}
