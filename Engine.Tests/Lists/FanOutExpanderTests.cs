using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Lists;

/// <summary>The expansion across a batch boundary: keyset position, one message per member, no second one on a re-run.</summary>
public sealed class FanOutExpanderTests : IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 0));
        var templates = engine.Services.GetRequiredService<TemplateService>();
        await templates.CreateAsync(new TemplateInput
        {
            Alias = "news",
            Name = "News",
            Content = new TemplateContent { Email = new EmailContent { Subject = "News", Html = "<p>Hi</p>" } },
        }, "ada@example.com");
        await templates.PublishAsync("news", "ada@example.com");
    }

    public async Task DisposeAsync() => await engine.DisposeAsync();

    /// <summary>
    /// A re-run from the start after a complete run. With its progress kept, the re-run knows messages may be stored
    /// and looks each batch's ids up. With its progress wiped, it believes it is the first (a batch is then written
    /// without the lookup): its insert meets the stored rows' keys, and the batch is written again, looked up.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExpandAsync_ListLargerThanABatch_MakesOneMessagePerMember_AndNoneTwiceOnReRun(bool progressWiped)
    {
        var members = Enumerable.Range(0, FanOutExpander.BatchSize + 1).Select(n => new ListRecipient($"m{n:D5}", null)).ToList();
        await engine.Services.GetRequiredService<ListService>().AddSubscribersAsync("big", members, replace: false);
        var requestId = await engine.Services.GetRequiredService<GroupSender>().SendAsync(RecipientGroup.List, "big", "news", null);
        var expander = engine.Services.GetRequiredService<FanOutExpander>();

        Assert.True(await expander.ExpandAsync(requestId, CancellationToken.None));
        await using (var db = engine.CreateContext())
        {
            await db.FanOutRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, FanOutStatus.Expanding).SetProperty(r => r.GroupIndex, 0).SetProperty(r => r.ListId, (string?)null)
                .SetProperty(r => r.AfterUserId, (string?)null).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.Members, r => progressWiped ? 0 : r.Members).SetProperty(r => r.Messages, r => progressWiped ? 0 : r.Messages));
        }

        Assert.True(await expander.ExpandAsync(requestId, CancellationToken.None));

        await using var read = engine.CreateContext();
        var recipients = await read.Messages.AsNoTracking().Where(m => m.RequestId == requestId).Select(m => m.RecipientUserId).ToListAsync();
        Assert.Equal(members.Select(m => m.UserId).Order(), recipients.Order());
        Assert.Equal(members.Count, await read.MessageEvents.CountAsync(e => read.Messages.Any(m => m.Id == e.MessageId && m.RequestId == requestId)));
        var progress = await engine.Services.GetRequiredService<RequestProgressQuery>().GetAsync(requestId);
        Assert.Equal((FanOutStatus.Completed, FanOutExpander.BatchSize + 1), (progress!.Status, progress.Duplicates));
    }

    [Fact]
    public void Pending_Of_KeepsDueIdsAndDelayedTimes_AndNothingElse()
    {
        var at = DateTimeOffset.Parse("2026-12-01T10:00:00Z");
        var pending = SendJobDispatcher.Pending.Of([
            Stored("due", MessageStatus.Enqueued, null),
            Stored("later", MessageStatus.Delayed, at),
            Stored("done", MessageStatus.Undeliverable, null),
        ]);

        Assert.Equal(["due"], pending.Due);
        Assert.Equal([("later", at)], pending.Delayed);
    }

    private static Message Stored(string id, MessageStatus status, DateTimeOffset? next) =>
        new() { Id = id, RequestId = "r", RequestJson = "{}", Recipient = "{}", Status = status, NextAttemptAt = next };
}
