using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class TrackingHitWriterTests
{
    [Fact]
    public async Task WriteAsync_MovesToOpenedOnFirstHumanOpen_AndRepeatsAreEventsOnly()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);
        engine.Time.Advance(TimeSpan.FromMinutes(5));

        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open);
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open);

        Assert.Equal(MessageStatus.Opened, (await engine.MessageAsync(id)).Status);
        var opened = Assert.Single(await engine.HistoryAsync(id), e => e.Status == MessageStatus.Opened);
        Assert.Equal(MessageEventSources.Tracking, opened.Source);
        Assert.Equal(2, (await TrackingFixture.HitsAsync(engine, id)).Count);
    }

    [Fact]
    public async Task WriteAsync_FillsInOpened_WhenAClickComesFirst()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);
        engine.Time.Advance(TimeSpan.FromMinutes(5));

        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Click, "eh0");

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Clicked, message.Status);
        Assert.NotNull(message.OpenedAt);
        Assert.Equal(["SENT", "DELIVERED", "OPENED", "CLICKED"],
            (await engine.HistoryAsync(id)).Where(e => e.Status is not null && e.Status != MessageStatus.Enqueued).Select(e => e.Type));
    }

    [Fact]
    public async Task WriteAsync_StoresMachineHitsFlagged_AndNeverChangesStatus()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);

        // Within the window right after delivery: a scanner, whatever its user agent says.
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Click, "eh0");
        engine.Time.Advance(TimeSpan.FromMinutes(5));
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open, userAgent: MachineHitClassifier.ApplePrivacyUserAgent);
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Click, "eh1", method: "HEAD");
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Click, "ex", machine: true, reason: "honeypot link");

        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
        var hits = await TrackingFixture.HitsAsync(engine, id);
        Assert.All(hits, h => Assert.True(h.Machine));
        Assert.Equal(["within 2 s of delivery", "mail privacy prefetch (Apple Mail Privacy Protection user agent)", "HEAD request", "honeypot link"],
            hits.Select(h => h.MachineReason));
    }

    [Fact]
    public async Task WriteAsync_CountsProxiedOpenAsHuman()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);
        engine.Time.Advance(TimeSpan.FromMinutes(5));

        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open,
            userAgent: "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)");

        Assert.Equal(MessageStatus.Opened, (await engine.MessageAsync(id)).Status);
        var hit = Assert.Single(await TrackingFixture.HitsAsync(engine, id));
        Assert.True(hit.Proxied);
        Assert.False(hit.Machine);
    }

    [Fact]
    public async Task WriteAsync_CommitsConcurrentHitsTogether_AndEachIsStored()
    {
        // One token hit 200 times is a flood for the per-minute cap (TrackingHitCapTests); here the subject is the group commit.
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings(("Tracking:MaxHitsPerTokenPerMinute", "1000")));
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);
        engine.Time.Advance(TimeSpan.FromMinutes(5));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open)));

        Assert.Equal(200, (await TrackingFixture.HitsAsync(engine, id)).Count);
        Assert.Single(await engine.HistoryAsync(id), e => e.Status == MessageStatus.Opened);
    }
}
