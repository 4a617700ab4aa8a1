using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class TrackingAggregationJobTests
{
    [Fact]
    public async Task RunAsync_CountsTheFunnelPerTemplateDayAndLink_AndARerunChangesNothing()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var (a, b, _) = await SendThreeAsync(engine);
        engine.Time.Advance(TimeSpan.FromMinutes(5));
        await TrackingFixture.WriteHitAsync(engine, a, TrackingHitKind.Open);
        await TrackingFixture.WriteHitAsync(engine, a, TrackingHitKind.Open);
        await TrackingFixture.WriteHitAsync(engine, a, TrackingHitKind.Click, "eh0");
        await TrackingFixture.WriteHitAsync(engine, b, TrackingHitKind.Open, userAgent: MachineHitClassifier.ApplePrivacyUserAgent);
        await TrackingFixture.WriteHitAsync(engine, b, TrackingHitKind.Click, "eh0", method: "HEAD");

        await RunAsync(engine);
        var first = await SnapshotAsync(engine);
        await RunAsync(engine);
        var second = await SnapshotAsync(engine);

        var day = Assert.Single(first.Daily);
        Assert.Equal(("welcome", "email"), (day.Template, day.Channel));
        Assert.Equal((3, 3, 1, 2, 1, 1, 1, 1),
            (day.Sent, day.Delivered, day.UniqueOpens, day.TotalOpens, day.UniqueClicks, day.TotalClicks, day.MachineOpens, day.MachineClicks));
        var link = Assert.Single(first.Links);
        Assert.Equal(("eh0", "https://blog.example/p1", 1L, 1L, 1L), (link.LinkId, link.Url, link.UniqueClicks, link.TotalClicks, link.MachineClicks));
        Assert.Equal(first.ToString(), second.ToString());
    }

    [Fact]
    public async Task RunAsync_CountsOnlyNewEvents_AndTotalsMatchTheRawHits()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var (a, b, c) = await SendThreeAsync(engine);
        engine.Time.Advance(TimeSpan.FromMinutes(5));
        await TrackingFixture.WriteHitAsync(engine, a, TrackingHitKind.Click, "eh0");
        await RunAsync(engine);

        await TrackingFixture.WriteHitAsync(engine, a, TrackingHitKind.Click, "eh0");
        await TrackingFixture.WriteHitAsync(engine, a, TrackingHitKind.Click, "eh2");
        await TrackingFixture.WriteHitAsync(engine, b, TrackingHitKind.Click, "eh0");
        await TrackingFixture.WriteHitAsync(engine, c, TrackingHitKind.Open);
        await TrackingFixture.WriteHitAsync(engine, c, TrackingHitKind.Open, method: "HEAD");
        await RunAsync(engine);

        var snapshot = await SnapshotAsync(engine);
        var day = Assert.Single(snapshot.Daily);
        await using var db = engine.CreateContext();
        var hits = await db.TrackingHits.AsNoTracking().ToListAsync();
        Assert.Equal(hits.Count(h => h.Kind == TrackingHitKind.Open && !h.Machine), day.TotalOpens);
        Assert.Equal(hits.Count(h => h.Kind == TrackingHitKind.Click && !h.Machine), day.TotalClicks);
        Assert.Equal(hits.Count(h => h.Kind == TrackingHitKind.Open && h.Machine), day.MachineOpens);
        Assert.Equal(3, day.UniqueOpens); // a and b opened by their clicks, c by its open
        Assert.Equal(2, day.UniqueClicks);
        var eh0 = snapshot.Links.Single(l => l.LinkId == "eh0");
        Assert.Equal((2L, 3L), (eh0.UniqueClicks, eh0.TotalClicks));
        Assert.Equal((1L, 1L), snapshot.Links.Where(l => l.LinkId == "eh2").Select(l => (l.UniqueClicks, l.TotalClicks)).Single());
    }

    [Fact]
    public async Task StepAsync_ProcessesNothing_WhenCaughtUp()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        await SendThreeAsync(engine);
        var job = engine.Services.GetRequiredService<TrackingAggregationJob>();

        Assert.True(await job.StepAsync(CancellationToken.None) > 0);
        Assert.Equal(0, await job.StepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_CountsSendsByAliasAndById_UnderTheTemplate_LabelledWithItsName()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var (a, b, _) = await SendThreeAsync(engine);
        const string templateId = "0123456789abcdef0123456789abcdef";
        await using (var db = engine.CreateContext())
        {
            db.Templates.Add(new NotificationOps.Engine.Templates.Template { Id = templateId, Alias = "welcome", Name = "Welcome mail" });
            await db.SaveChangesAsync();
            await db.Messages.ExecuteUpdateAsync(set => set.SetProperty(m => m.TemplateId, templateId));
            await db.Messages.Where(m => m.Id == b).ExecuteUpdateAsync(set => set.SetProperty(m => m.Template, templateId));
        }

        engine.Time.Advance(TimeSpan.FromMinutes(5));
        await TrackingFixture.WriteHitAsync(engine, a, TrackingHitKind.Open);
        await RunAsync(engine);

        var day = Assert.Single((await SnapshotAsync(engine)).Daily);
        Assert.Equal((templateId, 3L, 1L), (day.Template, day.Sent, day.UniqueOpens));
        var listed = await engine.Services.GetRequiredService<TrackingAnalytics>().TemplatesAsync();
        Assert.Equal([new AnalyticsTemplate(templateId, "Welcome mail (welcome)")], listed);
    }

    private static async Task<(string A, string B, string C)> SendThreeAsync(EngineHost engine)
    {
        // Mid-morning of a fresh day, so that nothing in a test straddles midnight.
        engine.Time.SetUtcNow(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(8), TimeSpan.Zero));
        var a = await TrackingFixture.SendDeliveredEmailAsync(engine, "a@example.com");
        var b = await TrackingFixture.SendDeliveredEmailAsync(engine, "b@example.com");
        var c = await TrackingFixture.SendDeliveredEmailAsync(engine, "c@example.com");
        // The template id is what the templates feature stores on the message; content sends have none yet.
        await using var db = engine.CreateContext();
        await db.Messages.ExecuteUpdateAsync(set => set.SetProperty(m => m.Template, "welcome"));
        return (a, b, c);
    }

    private static Task RunAsync(EngineHost engine) =>
        engine.Services.GetRequiredService<TrackingAggregationJob>().RunAsync(CancellationToken.None);

    private static async Task<Snapshot> SnapshotAsync(EngineHost engine)
    {
        await using var db = engine.CreateContext();
        return new Snapshot(
            await db.TemplateDailyStats.AsNoTracking().OrderBy(s => s.Template).ThenBy(s => s.Channel).ToListAsync(),
            await db.LinkDailyStats.AsNoTracking().OrderBy(s => s.LinkId).ToListAsync());
    }

    private sealed record Snapshot(List<TemplateDailyStats> Daily, List<LinkDailyStats> Links)
    {
        public override string ToString() =>
            string.Join(";", Daily.Select(d => $"{d.Template}/{d.Channel}/{d.Day}:{d.Sent},{d.Delivered},{d.UniqueOpens},{d.TotalOpens},{d.UniqueClicks},{d.TotalClicks},{d.MachineOpens},{d.MachineClicks}"))
            + "|" + string.Join(";", Links.Select(l => $"{l.Template}/{l.LinkId}/{l.Day}:{l.UniqueClicks},{l.TotalClicks},{l.MachineClicks}"));
    }
}
