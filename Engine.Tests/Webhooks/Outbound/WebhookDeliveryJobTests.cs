using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;
using StandardWebhooks;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookDeliveryJobTests
{
    [Fact]
    public async Task RunAsync_DeliversSignedMessageUpdated_VerifiedByStandardWebhooksLibrary()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        var id = (await fixture.Engine.SendAsync(WebhookFixture.EmailSend)).Single();

        Assert.Equal(1, await fixture.DeliverAsync());

        var request = Assert.Single(fixture.Receiver.Requests);
        Assert.Equal("/hook", request.PathAndQuery);
        var headers = new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));
        new StandardWebhook(fixture.Secret).Verify(request.Body, headers);
        Assert.StartsWith("t=", request.Headers["courier-signature"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("message:updated", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(id, body.RootElement.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("ENQUEUED", body.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal((await fixture.DeliveriesAsync()).Single().WebhookId, request.Headers["webhook-id"]);
    }

    [Fact]
    public async Task RunAsync_KeepsEachMessagesEventsInOrder_WhileMessagesGoConcurrently()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        fixture.Receiver.Default = new FakeResponse(200) { Delay = TimeSpan.FromMilliseconds(20) };
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = (await fixture.Engine.SendAsync(WebhookFixture.EmailSend)).Single();
            await fixture.Engine.RunSendJobAsync(id);
            ids.Add(id);
        }

        Assert.Equal(18, await fixture.DeliverAsync());

        var received = fixture.Receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data")).ToList();
        foreach (var id in ids)
        {
            Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"],
                received.Where(d => d.GetProperty("id").GetString() == id).Select(d => d.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task RunAsync_RetriesOnSchedule_WithTheSameWebhookId_UntilTheReceiverIsBack()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        fixture.Receiver.Default = new FakeResponse(503);
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);

        await fixture.DeliverAsync();
        var waiting = (await fixture.DeliveriesAsync()).Single();
        Assert.Equal(WebhookDeliveryState.Pending, waiting.State);
        Assert.Equal(fixture.Engine.Time.GetUtcNow().AddSeconds(5), waiting.NextAttemptAt);
        Assert.Equal(0, await fixture.DeliverAsync()); // not due yet

        fixture.Receiver.Default = new FakeResponse(200);
        fixture.Engine.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await fixture.DeliverAsync());

        var delivered = (await fixture.DeliveriesAsync()).Single();
        Assert.Equal(WebhookDeliveryState.Delivered, delivered.State);
        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(2, fixture.Receiver.Requests.Select(r => r.Headers["webhook-id"]).Count(h => h == delivered.WebhookId));
        Assert.Equal(fixture.Receiver.Requests[0].Body, fixture.Receiver.Requests[1].Body);
        Assert.Null((await fixture.ReloadEndpointAsync()).FailingSince);
    }

    [Fact]
    public async Task RunAsync_FailsFinally_AfterTheConfiguredSchedule()
    {
        await using var fixture = await WebhookFixture.CreateAsync(settings: new() { ["Webhooks:RetrySchedule"] = "1s,2s" });
        fixture.Receiver.Default = new FakeResponse(500, "nope");
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);

        await fixture.DeliverAsync();
        fixture.Engine.Time.Advance(TimeSpan.FromSeconds(1));
        await fixture.DeliverAsync();
        fixture.Engine.Time.Advance(TimeSpan.FromSeconds(2));
        await fixture.DeliverAsync();

        var failed = (await fixture.DeliveriesAsync()).Single();
        Assert.Equal(WebhookDeliveryState.Failed, failed.State);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(500, failed.LastStatusCode);
        var entry = (await fixture.Engine.Services.GetRequiredService<WebhookDeliveryLog>().ListAsync(fixture.Endpoint.Id, null, 10)).Items.Single();
        Assert.Equal(3, entry.Attempts.Count);
        Assert.All(entry.Attempts, a => Assert.Equal("nope", a.ResponseBody));
    }

    [Fact]
    public async Task RunAsync_DisablesTheEndpoint_OnGone()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        fixture.Receiver.Default = new FakeResponse(410);
        var id = (await fixture.Engine.SendAsync(WebhookFixture.EmailSend)).Single();
        await fixture.Engine.RunSendJobAsync(id);

        await fixture.DeliverAsync();

        var endpoint = await fixture.ReloadEndpointAsync();
        Assert.False(endpoint.Enabled);
        Assert.Contains("410", endpoint.DisabledReason);
        Assert.Single(fixture.Receiver.Requests); // the later events of that message were not tried
        Assert.All(await fixture.DeliveriesAsync(), d => Assert.Equal(WebhookDeliveryState.Pending, d.State));
    }

    [Fact]
    public async Task RunAsync_DisablesTheEndpointWithAReason_AfterFiveDaysOfFailures()
    {
        await using var fixture = await WebhookFixture.CreateAsync(settings: new() { ["Webhooks:RetrySchedule"] = "1d,1d,1d,1d,1d,1d" });
        fixture.Receiver.Default = new FakeResponse(500);
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);

        for (var day = 0; day < 5; day++)
        {
            await fixture.DeliverAsync();
            Assert.True((await fixture.ReloadEndpointAsync()).Enabled, $"disabled early, on day {day}");
            fixture.Engine.Time.Advance(TimeSpan.FromDays(1));
        }

        await fixture.DeliverAsync();

        var endpoint = await fixture.ReloadEndpointAsync();
        Assert.False(endpoint.Enabled);
        Assert.Contains("5 days", endpoint.DisabledReason);
        Assert.NotNull(endpoint.FailingSince);
    }

    [Fact]
    public async Task ReplayAsync_SendsTheSameEventAgain_AndReplayFailedTakesATimeRange()
    {
        await using var fixture = await WebhookFixture.CreateAsync(settings: new() { ["Webhooks:RetrySchedule"] = "0s" });
        var log = fixture.Engine.Services.GetRequiredService<WebhookDeliveryLog>();
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);
        await fixture.DeliverAsync();
        var delivery = (await fixture.DeliveriesAsync()).Single();

        Assert.True(await log.ReplayAsync(fixture.Endpoint.Id, delivery.Id));
        await fixture.DeliverAsync();
        Assert.Equal(2, fixture.Receiver.Requests.Count(r => r.Headers["webhook-id"] == delivery.WebhookId));

        fixture.Receiver.Default = new FakeResponse(500);
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);
        await fixture.DeliverAsync();
        await fixture.DeliverAsync();
        var failed = (await fixture.DeliveriesAsync()).Single(d => d.State == WebhookDeliveryState.Failed);
        fixture.Receiver.Default = new FakeResponse(200);

        Assert.Equal(0, await log.ReplayFailedAsync(fixture.Endpoint.Id, failed.OccurredAt.AddHours(1), failed.OccurredAt.AddHours(2)));
        Assert.Equal(1, await log.ReplayFailedAsync(fixture.Endpoint.Id, failed.OccurredAt.AddSeconds(-1), failed.OccurredAt.AddSeconds(1)));
        await fixture.DeliverAsync();
        Assert.All(await fixture.DeliveriesAsync(), d => Assert.Equal(WebhookDeliveryState.Delivered, d.State));
    }

    [Fact]
    public async Task SendTestAsync_DeliversATestEvent()
    {
        await using var fixture = await WebhookFixture.CreateAsync();

        await fixture.Engine.Services.GetRequiredService<WebhookDeliveryLog>().SendTestAsync(fixture.Endpoint.Id);
        await fixture.DeliverAsync();

        using var body = JsonDocument.Parse(Assert.Single(fixture.Receiver.Requests).Body);
        Assert.Equal("webhook:test", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task RunAsync_RefusesLoopbackReceiver_WhenPrivateAddressesAreNotAllowed()
    {
        // Saved pointing at a public address, re-pointed at loopback afterwards: the check at connect time catches it.
        await using var fixture = await WebhookFixture.CreateAsync(settings: new() { ["Webhooks:AllowPrivateAddresses"] = "false" }, url: "http://93.184.216.34/hook");
        await using (var db = fixture.Engine.CreateContext())
        {
            var loopback = new Uri(fixture.Receiver.BaseAddress, "/hook").ToString();
            await db.WebhookEndpoints.ExecuteUpdateAsync(set => set.SetProperty(e => e.Url, loopback));
        }

        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);

        await fixture.DeliverAsync();

        Assert.Empty(fixture.Receiver.Requests);
        Assert.Contains("SSRF", (await fixture.DeliveriesAsync()).Single().LastError);
    }
}
