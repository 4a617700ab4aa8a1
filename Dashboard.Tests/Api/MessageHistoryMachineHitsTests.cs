using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>Machine opens and clicks are visible to an API user in a message's history, flagged, and move nothing.</summary>
public sealed class MessageHistoryMachineHitsTests : IAsyncLifetime
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    // Hits right after delivery would all be judged scanners; here each hit is judged by its request alone.
    private readonly ApiDashboardFactory factory = new() { Settings = { ["Tracking:MachineHitWindowSeconds"] = "0" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.DisposeAsync().AsTask();

    [Fact]
    public async Task History_ListsMachineClickAndOpen_FlaggedWithTheirReason_WithoutMovingStatusOrCounts()
    {
        var id = await SendAndDeliverAsync();

        await HitAsync(HttpMethod.Head, $"/t/c/{await TokenAsync(TrackingHitKind.Click, id, "eh0")}", Browser, HttpStatusCode.Redirect);
        await HitAsync(HttpMethod.Get, $"/t/o/{await TokenAsync(TrackingHitKind.Open, id)}.gif", MachineHitClassifier.ApplePrivacyUserAgent, HttpStatusCode.OK);

        var history = await HistoryAsync(id);
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED", "CLICKED", "OPENED"], history.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([false, false, false, true, true], history.Select(e => e.GetProperty("machine").GetBoolean()));
        var (click, open) = (history[3], history[4]);
        Assert.Equal("HEAD request", click.GetProperty("machine_reason").GetString());
        Assert.Equal("mail privacy prefetch (Apple Mail Privacy Protection user agent)", open.GetProperty("machine_reason").GetString());
        Assert.All(new[] { click, open }, hit =>
        {
            Assert.Equal(JsonValueKind.Null, hit.GetProperty("status").ValueKind);
            Assert.Equal("tracking", hit.GetProperty("source").GetString());
        });
        Assert.Contains("eh0", click.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, history[2].GetProperty("machine_reason").ValueKind);

        using var api = factory.CreateApiClient();
        var message = JsonNode.Parse(await api.GetStringAsync($"/api/messages/{id}"))!;
        Assert.Equal("DELIVERED", message["status"]!.GetValue<string>());
        Assert.Null(message["opened"]);
        Assert.Null(message["clicked"]);

        await factory.Services.GetRequiredService<TrackingAggregationJob>().RunAsync(CancellationToken.None);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var totals = (await factory.Services.GetRequiredService<TrackingAnalytics>().ReportAsync(new AnalyticsQuery(today.AddDays(-1), today.AddDays(1)))).Totals;
        Assert.Equal((0L, 0L, 0L, 0L, 1L, 1L), (totals.UniqueOpens, totals.TotalOpens, totals.UniqueClicks, totals.TotalClicks, totals.MachineOpens, totals.MachineClicks));
    }

    [Fact]
    public async Task History_AfterAHumanOpen_KeepsTimeOrder_AndOnlyTheHumanOpenMovesTheStatus()
    {
        var id = await SendAndDeliverAsync();

        await HitAsync(HttpMethod.Get, $"/t/o/{await TokenAsync(TrackingHitKind.Open, id)}.gif", Browser, HttpStatusCode.OK);
        await HitAsync(HttpMethod.Head, $"/t/c/{await TokenAsync(TrackingHitKind.Click, id, "eh0")}", Browser, HttpStatusCode.Redirect);

        var history = await HistoryAsync(id);
        Assert.Equal(
            [("ENQUEUED", false), ("SENT", false), ("DELIVERED", false), ("OPENED", false), ("CLICKED", true)],
            history.Select(e => (e.GetProperty("type").GetString(), e.GetProperty("machine").GetBoolean())));
        Assert.Equal("OPENED", history[3].GetProperty("status").GetString());
        using var api = factory.CreateApiClient();
        Assert.Equal("OPENED", JsonNode.Parse(await api.GetStringAsync($"/api/messages/{id}"))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_TypeFilter_IncludesTheMachineHitsOfThatKindOnly()
    {
        var id = await SendAndDeliverAsync();
        await HitAsync(HttpMethod.Head, $"/t/c/{await TokenAsync(TrackingHitKind.Click, id, "eh0")}", Browser, HttpStatusCode.Redirect);
        await HitAsync(HttpMethod.Head, $"/t/o/{await TokenAsync(TrackingHitKind.Open, id)}.gif", Browser, HttpStatusCode.OK);

        var clicks = await HistoryAsync(id, "?type=clicked");
        var delivered = await HistoryAsync(id, "?type=DELIVERED");

        var click = Assert.Single(clicks);
        Assert.Equal(("CLICKED", true), (click.GetProperty("type").GetString(), click.GetProperty("machine").GetBoolean()));
        Assert.Equal("DELIVERED", Assert.Single(delivered).GetProperty("type").GetString());
    }

    private async Task<string> SendAndDeliverAsync()
    {
        using var api = factory.CreateApiClient();
        using var accepted = await api.PostAsync("/api/send", ApiJson.Content(
            """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"News","body":"Read [the post](https://blog.example/p1)."}}}"""));
        var id = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["requestId"]!.GetValue<string>();
        await factory.Services.GetRequiredService<SendJob>().RunAsync(id, CancellationToken.None);
        return id;
    }

    private async Task<string> TokenAsync(TrackingHitKind kind, string messageId, string? linkId = null)
    {
        var key = await factory.Services.GetRequiredService<TrackingKeyStore>().GetKeyAsync();
        return new TrackingToken(kind, messageId, linkId).Sign(key);
    }

    private async Task HitAsync(HttpMethod method, string path, string userAgent, HttpStatusCode expected)
    {
        // No API key, no cookie: the tracking endpoints are anonymous.
        using var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        using var response = await client.SendAsync(new HttpRequestMessage(method, path));
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<IReadOnlyList<JsonElement>> HistoryAsync(string id, string query = "")
    {
        using var api = factory.CreateApiClient();
        using var response = await api.GetAsync($"/api/messages/{id}/history{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ApiJson.ReadAsync(response)).GetProperty("results").EnumerateArray().ToList();
    }
}
