using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Messages;

public sealed class MessageStatusWriterTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryTransitionAsync_WritesRowAndOneEventPerStep_WithFillIn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "m1", MessageStatus.Enqueued);
        var writer = new MessageStatusWriter(time);

        await using (var db = database.CreateContext())
        {
            var result = await writer.TryTransitionAsync(db, new TransitionRequest("m1", MessageStatus.Enqueued, MessageStatus.Delivered, MessageEventSources.Webhook)
            {
                Provider = "sendgrid",
                Payload = "{\"event\":\"delivered\"}",
            });
            Assert.True(result.Applied);
        }

        await using var check = database.CreateContext();
        var message = await check.Messages.SingleAsync();
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal(time.GetUtcNow(), message.SentAt);
        Assert.Equal(time.GetUtcNow(), message.DeliveredAt);
        var events = await check.MessageEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["SENT", "DELIVERED"], events.Select(e => e.Type));
        Assert.Contains("Filled in", events[0].Detail);
        Assert.Null(events[0].Payload);
        Assert.Equal("{\"event\":\"delivered\"}", events[1].Payload);
    }

    [Fact]
    public async Task TryTransitionAsync_ReportsConflict_WhenStatusMovedMeanwhile_AndWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "m1", MessageStatus.Sent);
        var writer = new MessageStatusWriter(time);

        await using (var db = database.CreateContext())
        {
            var result = await writer.TryTransitionAsync(db, new TransitionRequest("m1", MessageStatus.Enqueued, MessageStatus.Sent, MessageEventSources.Pipeline));
            Assert.Equal(TransitionOutcome.Conflict, result.Outcome);
        }

        await using var check = database.CreateContext();
        Assert.Empty(await check.MessageEvents.ToListAsync());
    }

    [Fact]
    public async Task TryTransitionAsync_RefusesBackwardsMove()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "m1", MessageStatus.Delivered);
        var writer = new MessageStatusWriter(time);

        await using var db = database.CreateContext();
        var result = await writer.TryTransitionAsync(db, new TransitionRequest("m1", MessageStatus.Delivered, MessageStatus.Sent, MessageEventSources.Webhook));

        Assert.Equal(TransitionOutcome.NotAllowed, result.Outcome);
        Assert.Equal(MessageStatus.Delivered, (await db.Messages.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task TryTransitionAsync_SetsAndClearsReason()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "m1", MessageStatus.Enqueued);
        var writer = new MessageStatusWriter(time);
        await using var db = database.CreateContext();

        await writer.TryTransitionAsync(db, new TransitionRequest("m1", MessageStatus.Enqueued, MessageStatus.Undeliverable, MessageEventSources.Pipeline)
        {
            Reason = MessageReason.ProviderError,
            Error = "550 mailbox unavailable",
        });
        var failed = await db.Messages.AsNoTracking().SingleAsync();
        Assert.Equal(MessageReason.ProviderError, failed.Reason);
        Assert.Equal("550 mailbox unavailable", failed.Error);

        await writer.TryTransitionAsync(db, new TransitionRequest("m1", MessageStatus.Undeliverable, MessageStatus.Sent, MessageEventSources.Pipeline));
        var recovered = await db.Messages.AsNoTracking().SingleAsync();
        Assert.Equal(MessageStatus.Sent, recovered.Status);
        Assert.Null(recovered.Reason);
        Assert.Null(recovered.Error);
    }

    [Fact]
    public async Task TryTransitionAsync_ConcurrentTransitionsFromSameStatus_ExactlyOneWins()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "m1", MessageStatus.Enqueued);
        var writer = new MessageStatusWriter(time);
        var targets = new[] { MessageStatus.Sent, MessageStatus.Canceled, MessageStatus.Undeliverable, MessageStatus.Sent, MessageStatus.Canceled, MessageStatus.Delivered };

        var results = await Task.WhenAll(targets.Select(async to =>
        {
            await Task.Yield();
            await using var db = database.CreateContext();
            return await writer.TryTransitionAsync(db, new TransitionRequest("m1", MessageStatus.Enqueued, to, MessageEventSources.Pipeline) { Reason = MessageReason.Failed });
        }));

        Assert.Equal(1, results.Count(r => r.Applied));
        Assert.All(results.Where(r => !r.Applied), r => Assert.Equal(TransitionOutcome.Conflict, r.Outcome));
        await using var check = database.CreateContext();
        var winner = results.Single(r => r.Applied);
        Assert.Equal(winner.Steps.Count, await check.MessageEvents.CountAsync());
        Assert.Equal(winner.Steps[^1], (await check.Messages.SingleAsync()).Status);
    }

    private async Task SeedAsync(TestDatabase database, string id, MessageStatus status)
    {
        await using var db = database.CreateContext();
        db.Messages.Add(new Message
        {
            Id = id,
            RequestId = id,
            Recipient = "someone@example.com",
            RecipientEmail = "someone@example.com",
            RequestJson = "{}",
            Status = status,
            EnqueuedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }
}
