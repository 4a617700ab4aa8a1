using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

/// <summary>Tracking:MaxHitsPerTokenPerMinute: a flood of one token's hits is stored up to the cap and counted in full.</summary>
public sealed class TrackingHitCapTests
{
    [Fact]
    public async Task WriteAsync_StoresTwentyRowsAndCountsAll2000_WhenOnePixelIsFetched2000TimesInAMinute()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var id = await SendAtMidMorningAsync(engine);

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open)));
        await RunAggregationAsync(engine);

        Assert.Equal(20, (await TrackingFixture.HitsAsync(engine, id)).Count);
        Assert.Equal(MessageStatus.Opened, (await engine.MessageAsync(id)).Status);
        var day = await DailyAsync(engine);
        Assert.Equal((2000L, 1L, 0L), (day.TotalOpens, day.UniqueOpens, day.MachineOpens));
        Assert.Equal(1980, (await engine.Services.GetRequiredService<TrackingAnalytics>().ActivityAsync(id)).Unstored);
    }

    [Fact]
    public async Task WriteAsync_StoresUpToTheCapAgain_InTheNextMinute_AndTheAggregationCountsOnlyNewOverflow()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings(("Tracking:MaxHitsPerTokenPerMinute", "3")));
        var id = await SendAtMidMorningAsync(engine);

        await WriteClicksAsync(engine, id, 10);
        await RunAggregationAsync(engine);
        await WriteClicksAsync(engine, id, 2); // the same minute: both overflow, onto the row already counted
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await WriteClicksAsync(engine, id, 5);
        await RunAggregationAsync(engine);
        await RunAggregationAsync(engine);

        Assert.Equal(6, (await TrackingFixture.HitsAsync(engine, id)).Count);
        var day = await DailyAsync(engine);
        Assert.Equal((17L, 1L), (day.TotalClicks, day.UniqueClicks));
        await using var db = engine.CreateContext();
        var link = await db.LinkDailyStats.AsNoTracking().SingleAsync(l => l.LinkId == "eh0");
        Assert.Equal((17L, 1L), (link.TotalClicks, link.UniqueClicks));
        Assert.Equal([9L, 2L], await db.TrackingHitOverflows.AsNoTracking().OrderBy(o => o.Minute).Select(o => o.Count).ToListAsync());
    }

    [Fact]
    public async Task WriteAsync_StoresTheFirstHumanHit_AfterMachineHitsFilledTheMinute()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings(("Tracking:MaxHitsPerTokenPerMinute", "3")));
        var id = await SendAtMidMorningAsync(engine);

        for (var i = 0; i < 5; i++)
        {
            await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open, method: "HEAD");
        }

        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open);
        await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Open);
        await RunAggregationAsync(engine);

        var hits = await TrackingFixture.HitsAsync(engine, id);
        Assert.Equal([true, true, true, false], hits.Select(h => h.Machine));
        Assert.Equal(MessageStatus.Opened, (await engine.MessageAsync(id)).Status);
        var day = await DailyAsync(engine);
        Assert.Equal((2L, 5L, 1L), (day.TotalOpens, day.MachineOpens, day.UniqueOpens));
    }

    private static async Task<string> SendAtMidMorningAsync(EngineHost engine)
    {
        // Mid-morning of a fresh day, at the start of a minute, so no flood straddles a minute or a day by chance.
        engine.Time.SetUtcNow(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(8), TimeSpan.Zero));
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);
        engine.Time.SetUtcNow(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(9), TimeSpan.Zero));
        return id;
    }

    private static async Task WriteClicksAsync(EngineHost engine, string id, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await TrackingFixture.WriteHitAsync(engine, id, TrackingHitKind.Click, "eh0");
        }
    }

    private static Task RunAggregationAsync(EngineHost engine) =>
        engine.Services.GetRequiredService<TrackingAggregationJob>().RunAsync(CancellationToken.None);

    private static async Task<TemplateDailyStats> DailyAsync(EngineHost engine)
    {
        await using var db = engine.CreateContext();
        return await db.TemplateDailyStats.AsNoTracking().SingleAsync();
    }
}
