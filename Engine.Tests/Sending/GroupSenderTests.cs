using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Sending;

/// <summary>The dashboard's send to a list or audience: the count it confirms, then one message per member through the fan-out.</summary>
public sealed class GroupSenderTests : IAsyncLifetime
{
    private EngineHost engine = null!;

    private GroupSender Sender => engine.Services.GetRequiredService<GroupSender>();

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 0));
        var templates = engine.Services.GetRequiredService<TemplateService>();
        await templates.CreateAsync(new TemplateInput
        {
            Alias = "news",
            Name = "News",
            Content = new TemplateContent { Email = new EmailContent { Subject = "News for {{name}}", Html = "<p>Hi</p>" } },
        }, "ada@example.com");
        await templates.PublishAsync("news", "ada@example.com");
        await templates.CreateAsync(new TemplateInput
        {
            Alias = "draft-only",
            Name = "Draft",
            Content = new TemplateContent { Email = new EmailContent { Subject = "Draft", Html = "<p>Draft</p>" } },
        }, "ada@example.com");
        var lists = engine.Services.GetRequiredService<ListService>();
        await lists.AddSubscribersAsync("weekly", [new ListRecipient("u1", null), new ListRecipient("u2", null), new ListRecipient("u3", null)], replace: false);
    }

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task CountAsync_CountsSubscribers_AndNullForUnknownOrArchivedList()
    {
        Assert.Equal(3, await Sender.CountAsync(RecipientGroup.List, "weekly"));
        Assert.Null(await Sender.CountAsync(RecipientGroup.List, "nope"));

        await engine.Services.GetRequiredService<ListService>().DeleteAsync("weekly");

        Assert.Null(await Sender.CountAsync(RecipientGroup.List, "weekly"));
    }

    [Fact]
    public async Task CountAsync_CountsTheServedAudienceMembership()
    {
        var profiles = engine.Services.GetRequiredService<NotificationOps.Engine.Profiles.ProfileService>();
        await profiles.MergeAsync("p1", new JsonObject { ["plan"] = "pro" });
        await profiles.MergeAsync("p2", new JsonObject { ["plan"] = "free" });
        var audiences = engine.Services.GetRequiredService<AudienceService>();
        await audiences.PutAsync("pros", JsonNode.Parse("""{"name":"Pros","filter":{"filters":[{"operator":"EQ","path":"plan","value":"pro"}]}}"""));
        Assert.Equal(0, await Sender.CountAsync(RecipientGroup.Audience, "pros"));

        await engine.Services.GetRequiredService<AudienceCalculator>().RunAsync("pros", CancellationToken.None);

        Assert.Equal(1, await Sender.CountAsync(RecipientGroup.Audience, "pros"));
        Assert.Null(await Sender.CountAsync(RecipientGroup.Audience, "cons"));
    }

    [Fact]
    public async Task SendAsync_MakesOneMessagePerSubscriber_TaggedDashboard()
    {
        var requestId = await Sender.SendAsync(RecipientGroup.List, "weekly", "news", new JsonObject { ["name"] = "Ada" });
        Assert.True(await engine.Services.GetRequiredService<FanOutExpander>().ExpandAsync(requestId, CancellationToken.None));

        await using var db = engine.CreateContext();
        var messages = await db.Messages.AsNoTracking().Where(m => m.RequestId == requestId).ToListAsync();
        Assert.Equal(["u1", "u2", "u3"], messages.Select(m => m.RecipientUserId).Order());
        Assert.All(messages, m => Assert.Equal("news", m.Template));
        var ids = messages.Select(m => m.Id).ToList();
        Assert.Equal(3, await db.MessageTags.CountAsync(t => ids.Contains(t.MessageId) && t.Tag == GroupSender.OperatorTag));
        // The history says who sent it: the dashboard's operator, not the API.
        Assert.Equal([MessageEventSources.Operator], await db.MessageEvents.Where(e => ids.Contains(e.MessageId)).Select(e => e.Source).Distinct().ToListAsync());
        var progress = await engine.Services.GetRequiredService<RequestProgressQuery>().GetAsync(requestId);
        Assert.Equal((FanOutStatus.Completed, 3), (progress!.Status, progress.Messages));
    }

    [Theory]
    [InlineData(RecipientGroup.List, "nope", "news", RecipientGroup.List)]
    [InlineData(RecipientGroup.List, "weekly", "draft-only", "template")]
    [InlineData(RecipientGroup.List, "weekly", "missing", "template")]
    [InlineData(RecipientGroup.Audience, "nobody", "news", RecipientGroup.Audience)]
    public async Task SendAsync_RefusesUnknownGroupOrUnpublishedTemplate_AndStoresNothing(string kind, string id, string template, string field)
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Sender.SendAsync(kind, id, template, null));

        Assert.Equal(field, error.Field);
        await using var db = engine.CreateContext();
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Equal(0, await db.FanOutRequests.CountAsync());
    }
}
