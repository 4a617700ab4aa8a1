using System.Net;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class WebhooksApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"url": "http://127.0.0.1:8080/hook"}""", "url" },
        { """{"url": "http://localhost/hook"}""", "url" },
        { """{"url": "http://169.254.169.254/latest"}""", "url" },
        { """{"url": "ftp://example.com/hook"}""", "url" },
        { """{"url": 42}""", "url" },
        { """{}""", "url" },
        { """{"url": "https://93.184.216.34/hook", "events": []}""", "events" },
        { """{"url": "https://93.184.216.34/hook", "events": ["message:deleted"]}""", "events" },
        { """{"url": "https://93.184.216.34/hook", "events": ["audience:calculated"]}""", "events" },
        { """{"url": "https://93.184.216.34/hook", "enabled": "yes"}""", "enabled" },
        { """[1]""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_Answers400NamingTheField_AndStoresNothing(string body, string field)
    {
        var before = (await ListAsync()).GetArrayLength();

        var response = await client.PostAsync("/api/webhooks", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, (await ListAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Create_ShowsTheSecretOnce_AndNeverAgain()
    {
        var created = await client.PostAsync("/api/webhooks", ApiJson.Content("""{"url": "https://93.184.216.34/a", "enabled": false, "description": "crm"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ApiJson.ReadAsync(created);
        Assert.StartsWith("whsec_", body.GetProperty("secret").GetString());
        Assert.Equal(["message:updated"], body.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var id = body.GetProperty("id").GetString();
        var one = await ApiJson.ReadAsync(await client.GetAsync($"/api/webhooks/{id}"));
        Assert.False(one.TryGetProperty("secret", out _));
        Assert.Equal("crm", one.GetProperty("description").GetString());
        Assert.All((await ListAsync()).EnumerateArray(), e => Assert.False(e.TryGetProperty("secret", out _)));
        var stored = await factory.QueryAsync(db => Task.FromResult(db.WebhookEndpoints.Single(e => e.Id == id).ProtectedSecret));
        Assert.DoesNotContain(body.GetProperty("secret").GetString()!, stored);
    }

    [Fact]
    public async Task RotatePatchDelete_DoWhatTheySay()
    {
        var id = (await ApiJson.ReadAsync(await client.PostAsync("/api/webhooks", ApiJson.Content("""{"url": "https://93.184.216.34/b", "enabled": false}""")))).GetProperty("id").GetString();

        var rotated = await ApiJson.ReadAsync(await client.PostAsync($"/api/webhooks/{id}/rotate-secret", null));
        var patched = await client.PatchAsync($"/api/webhooks/{id}", ApiJson.Content("""{"events": ["message:updated", "message:clicked"], "include_machine_hits": true}"""));
        var deleted = await client.DeleteAsync($"/api/webhooks/{id}");

        Assert.StartsWith("whsec_", rotated.GetProperty("secret").GetString());
        Assert.True(rotated.GetProperty("previous_secret_expires").GetInt64() > DateTimeOffset.UtcNow.AddHours(23).ToUnixTimeMilliseconds());
        var changed = await ApiJson.ReadAsync(patched);
        Assert.Equal(["message:updated", "message:clicked"], changed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(changed.GetProperty("include_machine_hits").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/webhooks/{id}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task ReplayRange_Answers400_ForMissingOrBackwardsTimes()
    {
        var id = (await ApiJson.ReadAsync(await client.PostAsync("/api/webhooks", ApiJson.Content("""{"url": "https://93.184.216.34/c", "enabled": false}""")))).GetProperty("id").GetString();

        var missing = await client.PostAsync($"/api/webhooks/{id}/deliveries/replay", ApiJson.Content("{}"));
        var backwards = await client.PostAsync($"/api/webhooks/{id}/deliveries/replay", ApiJson.Content("""{"from": 2000, "to": 1000}"""));
        var fine = await client.PostAsync($"/api/webhooks/{id}/deliveries/replay", ApiJson.Content("""{"from": 0}"""));

        Assert.Equal("from", ApiJson.Field(await ApiJson.ReadAsync(missing)));
        Assert.Equal("to", ApiJson.Field(await ApiJson.ReadAsync(backwards)));
        Assert.Equal(HttpStatusCode.Accepted, fine.StatusCode);
        Assert.Equal(0, (await ApiJson.ReadAsync(fine)).GetProperty("replayed").GetInt32());
    }

    private async Task<System.Text.Json.JsonElement> ListAsync() =>
        (await ApiJson.ReadAsync(await client.GetAsync("/api/webhooks"))).GetProperty("results");
}
