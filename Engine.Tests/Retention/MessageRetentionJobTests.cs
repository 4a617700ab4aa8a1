using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Retention;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Retention;

public sealed class MessageRetentionJobTests
{
    private static Task<EngineHost> HostAsync(int days) => EngineHost.CreateAsync(new Dictionary<string, string?>
    {
        ["Providers:sim-email:Type"] = "simulated",
        ["Providers:sim-email:Channel"] = "email",
        ["Providers:sim-email:DeliveryDelayMs"] = "0",
        ["Retention:MessageDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task RunAsync_DeletesOldMessagesAndAllTheirChildren_KeepingNewerPendingAndRollups()
    {
        await using var engine = await HostAsync(days: 30);
        var old = await SentMessageAsync(engine, "old@example.com", ageDays: 40);
        var recent = await SentMessageAsync(engine, "recent@example.com", ageDays: 10);
        var pending = (await engine.SendAsync(Body("pending@example.com"))).Single();
        await AgeAsync(engine, pending, 40);
        await AddTrackingAsync(engine, old);
        await AddTrackingAsync(engine, recent);
        await using (var db = engine.CreateContext())
        {
            db.TemplateDailyStats.Add(new TemplateDailyStats { Template = "welcome", Channel = "email", Day = new DateOnly(2026, 1, 1), Sent = 7 });
            await db.SaveChangesAsync();
        }

        var deleted = await engine.Services.GetRequiredService<MessageRetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        await using (var db = engine.CreateContext())
        {
            Assert.Equal(new[] { pending, recent }.Order(), (await db.Messages.Select(m => m.Id).ToListAsync()).Order());
            Assert.Equal(0, await ChildrenAsync(db, old));
            Assert.True(await ChildrenAsync(db, recent) >= 5, "the newer message keeps its history, attempts, tags, links and hits");
            Assert.Equal(7, (await db.TemplateDailyStats.SingleAsync()).Sent);
        }
    }

    [Fact]
    public async Task RunAsync_DeletesNothing_WhenMessageDaysIsZero()
    {
        await using var engine = await HostAsync(days: 0);
        var old = await SentMessageAsync(engine, "ancient@example.com", ageDays: 4000);

        var deleted = await engine.Services.GetRequiredService<MessageRetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(0, deleted);
        await using var db = engine.CreateContext();
        Assert.True(await db.Messages.AnyAsync(m => m.Id == old));
    }

    [Fact]
    public async Task StorageSummary_ShowsOldestMessageAndRetention()
    {
        await using var engine = await HostAsync(days: 30);
        await SentMessageAsync(engine, "first@example.com", ageDays: 12);
        await SentMessageAsync(engine, "second@example.com", ageDays: 3);

        var summary = await engine.Services.GetRequiredService<StorageSummaryQuery>().GetAsync();

        Assert.Equal(engine.Time.GetUtcNow() - TimeSpan.FromDays(12), summary.OldestMessageAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal((2L, 30), (summary.Messages, summary.RetentionDays));
    }

    private static string Body(string email) =>
        $$$"""{"message": {"to": {"email": "{{{email}}}"}, "content": {"title": "Hi", "body": "Hi"}, "metadata": {"tags": ["t"]} } }""";

    private static async Task<string> SentMessageAsync(EngineHost engine, string email, int ageDays)
    {
        var id = (await engine.SendAsync(Body(email))).Single();
        await engine.RunSendJobAsync(id);
        Assert.NotEqual(MessageStatus.Enqueued, (await engine.MessageAsync(id)).Status);
        await AgeAsync(engine, id, ageDays);
        return id;
    }

    private static async Task AgeAsync(EngineHost engine, string id, int days)
    {
        var at = engine.Time.GetUtcNow() - TimeSpan.FromDays(days);
        await using var db = engine.CreateContext();
        await db.Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.EnqueuedAt, at));
    }

    private static async Task AddTrackingAsync(EngineHost engine, string id)
    {
        await using var db = engine.CreateContext();
        db.TrackedLinks.Add(new TrackedLink { MessageId = id, LinkId = "l1", Url = "https://example.com" });
        db.TrackingHits.Add(new TrackingHit { MessageId = id, Kind = TrackingHitKind.Click, LinkId = "l1", Method = "GET", At = engine.Time.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    private static async Task<int> ChildrenAsync(NotificationOps.Engine.Persistence.NotificationsDbContext db, string id) =>
        await db.MessageEvents.CountAsync(x => x.MessageId == id)
        + await db.DeliveryAttempts.CountAsync(x => x.MessageId == id)
        + await db.MessageTags.CountAsync(x => x.MessageId == id)
        + await db.TrackedLinks.CountAsync(x => x.MessageId == id)
        + await db.TrackingHits.CountAsync(x => x.MessageId == id);
}
