using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Dashboard.Tests.Preferences;

/// <summary>The preference check inside the one send path: the pipeline is run directly (the factory has no job server).</summary>
public sealed class PreferenceSendCheckTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Send_EndsUndeliverableUnsubscribed_WithHistoryNote_WhenRecipientOptedOut()
    {
        var (user, topic) = ($"u-{run}", $"{run}-promo");
        await PutAsync($"/api/profiles/{user}", """{"profile": {"email": "ada@example.com"}}""");
        await PutAsync($"/api/users/{user}/preferences/{topic}", """{"topic": {"status": "OPTED_OUT"}}""");

        var message = await SendAndRunAsync(user, topic);

        Assert.Equal(("UNDELIVERABLE", "UNSUBSCRIBED"), (message.GetProperty("status").GetString(), message.GetProperty("reason").GetString()));
        var history = await client.GetStringAsync($"/api/messages/{message.GetProperty("id").GetString()}/history");
        Assert.Contains($"opted out of topic '{topic}'", history);
    }

    [Fact]
    public async Task Send_EndsUndeliverableOptInRequired_WhenTopicDefaultsToOptedOut()
    {
        var (user, topic) = ($"u-{run}", $"{run}-beta");
        await PutAsync($"/api/profiles/{user}", """{"profile": {"email": "ada@example.com"}}""");
        await PutAsync($"/api/preferences/topics/{topic}", """{"name": "Beta", "default_status": "OPTED_OUT"}""");

        var message = await SendAndRunAsync(user, topic);

        Assert.Equal(("UNDELIVERABLE", "OPT_IN_REQUIRED"), (message.GetProperty("status").GetString(), message.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Send_IsSent_AfterOptInToOptedOutTopic()
    {
        var (user, topic) = ($"u-{run}", $"{run}-beta-in");
        await PutAsync($"/api/profiles/{user}", """{"profile": {"email": "ada@example.com"}}""");
        await PutAsync($"/api/preferences/topics/{topic}", """{"name": "Beta", "default_status": "OPTED_OUT"}""");
        await PutAsync($"/api/users/{user}/preferences/{topic}", """{"topic": {"status": "OPTED_IN"}}""");

        var message = await SendAndRunAsync(user, topic);

        Assert.Contains(message.GetProperty("status").GetString(), new[] { "SENT", "DELIVERED" });
    }

    [Fact]
    public async Task Send_GoesOnlyToCustomRoutingChannel_WhenRecipientSetOne()
    {
        var (user, topic) = ($"u-{run}", $"{run}-alerts");
        await PutAsync($"/api/profiles/{user}", """{"profile": {"email": "ada@example.com", "phone_number": "+14155550100"}}""");
        await PutAsync($"/api/users/{user}/preferences/{topic}", """{"topic": {"status": "OPTED_IN", "has_custom_routing": true, "custom_routing": ["sms"]}}""");

        var message = await SendAndRunAsync(user, topic, routing: """{"method": "single", "channels": ["email", "sms"]}""");

        Assert.Contains(message.GetProperty("status").GetString(), new[] { "SENT", "DELIVERED" });
        Assert.Equal(("sms", "sim-sms"), (message.GetProperty("channel").GetString(), message.GetProperty("provider").GetString()));
    }

    private async Task<JsonElement> SendAndRunAsync(string user, string topic, string routing = """{"method": "single", "channels": ["email"]}""")
    {
        var body = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["to"] = new JsonObject { ["user_id"] = user },
                ["content"] = new JsonObject { ["title"] = "Hi", ["body"] = "News" },
                ["routing"] = JsonNode.Parse(routing),
                ["preferences"] = new JsonObject { ["subscription_topic_id"] = topic },
            },
        }.ToJsonString();
        var sent = await client.PostAsync("/api/send", ApiJson.Content(body));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (await ApiJson.ReadAsync(sent)).GetProperty("requestId").GetString()!;
        await factory.Services.GetRequiredService<SendPipeline>().DeliverAsync([id], CancellationToken.None);
        return await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}");
    }

    private async Task PutAsync(string path, string body)
    {
        var response = await client.PutAsync(path, ApiJson.Content(body));
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
