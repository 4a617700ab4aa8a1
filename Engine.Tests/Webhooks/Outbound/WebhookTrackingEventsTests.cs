using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tests.Tracking;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookTrackingEventsTests
{
    [Fact]
    public async Task TrackingHits_AreDeliveredAsOpenedAndClicked_EveryHumanHit_NoMachineHits()
    {
        await using var receiver = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings(("Webhooks:AllowPrivateAddresses", "true")));
        var endpoint = (await engine.Services.GetRequiredService<WebhookEndpointService>().CreateAsync(new WebhookEndpointChange
        {
            Url = new Uri(receiver.BaseAddress, "/hook").ToString(),
            Events = [MessageChange.Opened, MessageChange.Clicked],
        })).Endpoint;
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);
        engine.Time.Advance(TimeSpan.FromMinutes(5));

        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open);
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open);
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Click, "eh1");
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Click, "ex", machine: true, reason: "honeypot link");
        await engine.Services.GetRequiredService<WebhookDeliveryJob>().RunAsync(endpoint.Id, CancellationToken.None);

        var bodies = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["message:opened", "message:opened", "message:clicked"], bodies.Select(b => b.GetProperty("type").GetString()));
        var click = bodies[2].GetProperty("data");
        Assert.Equal(id, click.GetProperty("id").GetString());
        Assert.Equal("eh1", click.GetProperty("tracking").GetProperty("link_id").GetString());
        Assert.False(click.GetProperty("tracking").GetProperty("machine").GetBoolean());
    }
}
