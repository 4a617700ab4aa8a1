using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class TrackingDecoratorTests
{
    [Fact]
    public async Task SendJob_SendsTrackedHtmlAndStoresEveryLink_WhenEmailTrackingIsOn()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);

        var output = JsonNode.Parse((await engine.MessageAsync(id)).OutputJson!)!;
        var html = output["html"]!.GetValue<string>();
        Assert.DoesNotContain("blog.example", html);
        Assert.Contains("https://track.example/t/o/", html);
        Assert.Equal(4, html.Split("https://track.example/t/c/").Length - 1); // three links and the honeypot
        await using var db = engine.CreateContext();
        var links = await db.TrackedLinks.AsNoTracking().Where(l => l.MessageId == id).OrderBy(l => l.LinkId).ToListAsync();
        Assert.Equal(["eh0", "eh1", "eh2", "ex"], links.Select(l => l.LinkId));
        Assert.Equal(["https://blog.example/p1", "https://blog.example/p1", "https://shop.example/?a=1&b=2"], links.Take(3).Select(l => l.Url));
        Assert.Equal(["the post", "again", "the shop"], links.Take(3).Select(l => l.Text));
        Assert.Equal(TrackedLinkKind.Honeypot, links[3].Kind);
    }

    [Fact]
    public async Task DecorateAsync_IsStableAcrossAttempts_AndSavingTwiceKeepsOneRowPerLink()
    {
        await using var engine = await EngineHost.CreateAsync(TrackingFixture.Settings());
        var id = await TrackingFixture.SendDeliveredEmailAsync(engine);
        var decorator = engine.Services.GetRequiredService<TrackingDecorator>();
        var content = new RenderedContent("email", "Hi", "Go to https://a.example/x now.", "<p><a href=\"https://a.example/x\">x</a></p>");

        var first = await decorator.DecorateAsync(id, content);
        var second = await decorator.DecorateAsync(id, content);
        await using (var db = engine.CreateContext())
        {
            await TrackingDecorator.SaveLinksAsync(db, first.Links, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await using (var db = engine.CreateContext())
        {
            await TrackingDecorator.SaveLinksAsync(db, second.Links, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.Equal(first.Content, second.Content);
        Assert.Contains("https://track.example/t/c/", first.Content.Text);
        await using var check = engine.CreateContext();
        var stored = await check.TrackedLinks.AsNoTracking().Where(l => l.MessageId == id).Select(l => l.LinkId).ToListAsync();
        // Rows of the send itself (eh1, eh2) stay: mail already out may still link to them.
        Assert.Equal(["eh0", "eh1", "eh2", "et0", "ex"], stored.Order());
        Assert.Equal("https://a.example/x", (await check.TrackedLinks.SingleAsync(l => l.MessageId == id && l.LinkId == "eh0")).Url);
    }

    [Fact]
    public async Task SendJob_LeavesSmsUntouched_ByDefault_AndWrapsItsLinks_WhenEnabled()
    {
        await using var off = await EngineHost.CreateAsync(TrackingFixture.Settings());
        await using var on = await EngineHost.CreateAsync(TrackingFixture.Settings(("Tracking:Channels:sms", "true")));
        const string body = """{"message":{"to":{"phone_number":"+4915112345678"},"content":{"body":"Track at https://parcel.example/123"},"routing":{"channels":["sms"]}}}""";

        var plain = (await off.SendAsync(body)).Single();
        await off.RunSendJobAsync(plain);
        var wrapped = (await on.SendAsync(body)).Single();
        await on.RunSendJobAsync(wrapped);

        Assert.Equal("Track at https://parcel.example/123", JsonNode.Parse((await off.MessageAsync(plain)).OutputJson!)!["text"]!.GetValue<string>());
        Assert.StartsWith("Track at https://track.example/t/c/", JsonNode.Parse((await on.MessageAsync(wrapped)).OutputJson!)!["text"]!.GetValue<string>());
        await using var db = on.CreateContext();
        Assert.Equal("st0", (await db.TrackedLinks.SingleAsync(l => l.MessageId == wrapped)).LinkId);
    }
}
