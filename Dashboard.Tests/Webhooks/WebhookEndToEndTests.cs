using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;
using StandardWebhooks;

namespace NotificationOps.Dashboard.Tests.Webhooks;

/// <summary>
/// The issue's "done when", through the API with the real job server: create an endpoint, send, receive signed
/// events a Standard Webhooks library verifies; stop the receiver, send, start it again and get every event; read the
/// delivery log and replay one. The receiver is a loopback test server (allowed by Webhooks:AllowPrivateAddresses).
/// </summary>
public sealed class WebhookEndToEndTests
{
    private const string Send = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"}}}""";

    [Fact]
    public async Task Endpoint_ReceivesSignedEvents_GetsEveryOneAfterAnOutage_AndReplays()
    {
        var receiver = await FakeProviderServer.StartAsync();
        var port = receiver.BaseAddress.Port;
        await using var factory = new DashboardFactory();
        factory.Settings["Providers:sim:Type"] = "simulated";
        factory.Settings["Providers:sim:Channel"] = "email";
        factory.Settings["Providers:sim:DeliveryDelayMs"] = "0";
        factory.Settings["Webhooks:AllowPrivateAddresses"] = "true";
        factory.Settings["Webhooks:RetrySchedule"] = string.Join(',', Enumerable.Repeat("1s", 30));
        var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);

        var created = await ApiJson.ReadAsync(await client.PostAsync("/api/webhooks", ApiJson.Content(
            JsonSerializer.Serialize(new { url = new Uri(receiver.BaseAddress, "/hook").ToString() }))));
        var id = created.GetProperty("id").GetString();
        var verifier = new StandardWebhook(created.GetProperty("secret").GetString()!);

        var first = await SendAsync(client);
        await Eventually.HoldsAsync(() => StatusesOf(receiver, first).Count == 3, "the first message's three events arrive");
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], StatusesOf(receiver, first));
        Assert.All(receiver.Requests, r => verifier.Verify(r.Body, Headers(r)));

        // The receiver goes away; the next message's events fail and wait for it.
        await receiver.DisposeAsync();
        var second = await SendAsync(client);
        await Eventually.HoldsAsync(async () => (await DeliveriesAsync(client, id)).Any(d => Of(d, second)
            && d.GetProperty("attempts").GetArrayLength() > 0 && d.GetProperty("state").GetString() == "pending"), "a failed attempt is logged");

        await using var back = await FakeProviderServer.StartAsync(port);
        await Eventually.HoldsAsync(() => StatusesOf(back, second).Count == 3, "every event of the outage arrives once the receiver is back");
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], StatusesOf(back, second));
        Assert.All(back.Requests, r => verifier.Verify(r.Body, Headers(r)));

        var log = await DeliveriesAsync(client, id);
        Assert.Equal(6, log.Count);
        var failedFirst = log.Last(d => Of(d, second));
        Assert.Contains(failedFirst.GetProperty("attempts").EnumerateArray(), a => a.GetProperty("error").ValueKind == JsonValueKind.String);

        var replay = await client.PostAsync($"/api/webhooks/{id}/deliveries/{failedFirst.GetProperty("id").GetInt64()}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var webhookId = failedFirst.GetProperty("webhook_id").GetString();
        await Eventually.HoldsAsync(() => back.Requests.Count(r => r.Headers["webhook-id"] == webhookId) == 2, "the replay arrives with the same webhook-id");
    }

    private static async Task<string> SendAsync(HttpClient client)
    {
        var accepted = await ApiJson.ReadAsync(await client.PostAsync("/api/send", ApiJson.Content(Send)));
        return accepted.GetProperty("requestId").GetString()!;
    }

    private static List<string?> StatusesOf(FakeProviderServer receiver, string requestId) =>
        receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data"))
            .Where(d => d.GetProperty("request_id").GetString() == requestId)
            .Select(d => d.GetProperty("status").GetString())
            .ToList();

    /// <summary>A logged delivery of the send <paramref name="requestId"/> (its body is stored from the first attempt on).</summary>
    private static bool Of(JsonElement delivery, string requestId) =>
        delivery.GetProperty("request_body").GetString()?.Contains(requestId, StringComparison.Ordinal) == true;

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient client, string? endpointId) =>
        (await ApiJson.ReadAsync(await client.GetAsync($"/api/webhooks/{endpointId}/deliveries?limit=100"))).GetProperty("results").EnumerateArray().ToList();

    private static HeaderDictionary Headers(FakeRequest request) =>
        new(request.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));
}
