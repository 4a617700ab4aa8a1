using System.Net;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>/api/status: components and incidents, operator incidents and updates, history, and bad input.</summary>
public sealed class StatusApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    [Fact]
    public async Task GetStatus_ListsComponentsWithProviderSubComponents()
    {
        var response = await factory.CreateApiClient().GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiJson.ReadAsync(response);
        var components = body.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(["web", "api", "delivery", "delivery/sim-email", "delivery/sim-sms", "webhooks", "tracking", "automations", "observability"], components);
        Assert.Equal(JsonValueKindArray, body.GetProperty("incidents").ValueKind);
    }

    [Fact]
    public async Task CreateIncident_ThenUpdates_ShowsTimelineAndComponentState()
    {
        var client = factory.CreateApiClient();

        var created = await client.PostAsync("/api/status/incidents", ApiJson.Content(
            """{"title": "Tracking slow", "body": "Clicks take seconds.", "components": ["tracking"], "impact": "major"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var incident = await ApiJson.ReadAsync(created);
        var id = incident.GetProperty("id").GetInt64();
        Assert.Equal("investigating", incident.GetProperty("status").GetString());
        var status = await ApiJson.ReadAsync(await client.GetAsync("/api/status"));
        Assert.Equal("partial_outage", status.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "tracking").GetProperty("status").GetString());

        var resolved = await client.PostAsync($"/api/status/incidents/{id}/updates", ApiJson.Content("""{"status": "resolved", "body": "Fixed the index."}"""));

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var after = await ApiJson.ReadAsync(resolved);
        Assert.Equal("resolved", after.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, after.GetProperty("resolved_at").ValueKind);
        Assert.Equal(["resolved", "investigating"], after.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("status").GetString()));
        var history = await ApiJson.ReadAsync(await client.GetAsync("/api/status/history?days=7"));
        Assert.Contains(history.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        Assert.NotEmpty(history.GetProperty("per_month").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"body": "x", "components": ["api"]}""", "title")]
    [InlineData("""{"title": "", "body": "x", "components": ["api"]}""", "title")]
    [InlineData("""{"title": "t", "components": ["api"]}""", "body")]
    [InlineData("""{"title": "t", "body": "x"}""", "components")]
    [InlineData("""{"title": "t", "body": "x", "components": []}""", "components")]
    [InlineData("""{"title": "t", "body": "x", "components": ["nowhere"]}""", "components")]
    [InlineData("""{"title": "t", "body": "x", "components": [1]}""", "components")]
    [InlineData("""{"title": "t", "body": "x", "components": ["api"], "impact": "huge"}""", "impact")]
    [InlineData("""{"title": "t", "body": "x", "components": ["api"], "impact": "2"}""", "impact")]
    [InlineData("""{"title": "t", "body": "x", "components": ["api"], "status": "done"}""", "status")]
    [InlineData("""{"title": "t", "body": "x", "components": ["api"], "maintenance": "yes"}""", "maintenance")]
    [InlineData("""[1, 2]""", "body")]
    public async Task CreateIncident_BadInput_Answers400NamingFieldAndStoresNothing(string json, string field)
    {
        var before = await CountAsync();

        var response = await factory.CreateApiClient().PostAsync("/api/status/incidents", ApiJson.Content(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("abc", """{"status": "identified", "body": "x"}""", HttpStatusCode.BadRequest, "id")]
    [InlineData("0", """{"status": "identified", "body": "x"}""", HttpStatusCode.BadRequest, "id")]
    [InlineData("{id}", """{"body": "x"}""", HttpStatusCode.BadRequest, "status")]
    [InlineData("{id}", """{"status": "fixed", "body": "x"}""", HttpStatusCode.BadRequest, "status")]
    [InlineData("{id}", """{"status": "identified"}""", HttpStatusCode.BadRequest, "body")]
    [InlineData("{id}", """{"status": "identified", "body": "   "}""", HttpStatusCode.BadRequest, "body")]
    [InlineData("999999", """{"status": "identified", "body": "x"}""", HttpStatusCode.NotFound, "id")]
    public async Task AddUpdate_BadInput_AnswersErrorNamingFieldAndStoresNothing(string id, string json, HttpStatusCode expected, string field)
    {
        var client = factory.CreateApiClient();
        var created = await ApiJson.ReadAsync(await client.PostAsync("/api/status/incidents", ApiJson.Content(
            """{"title": "Target", "body": "Opened.", "components": ["web"]}""")));
        var path = id.Replace("{id}", created.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var before = await CountAsync();

        var response = await client.PostAsync($"/api/status/incidents/{path}/updates", ApiJson.Content(json));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task History_BadDays_Answers400(string days)
    {
        var response = await factory.CreateApiClient().GetAsync($"/api/status/history?days={days}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("days", ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindArray = System.Text.Json.JsonValueKind.Array;

    private Task<(int Incidents, int Updates)> CountAsync() =>
        factory.QueryAsync(async db => (await db.Incidents.CountAsync(), await db.IncidentUpdates.CountAsync()));
}
