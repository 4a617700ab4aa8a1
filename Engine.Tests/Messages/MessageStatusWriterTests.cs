using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
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
        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);

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
        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);

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
        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);

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
        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);
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
        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);
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

    [Fact]
    public async Task TryTransitionManyAsync_AppliesEachByItsOwnGuard_InOneTransaction_AndAnswersInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "a", MessageStatus.Enqueued);
        await SeedAsync(database, "b", MessageStatus.Enqueued);
        await SeedAsync(database, "moved", MessageStatus.Canceled);
        await SeedAsync(database, "failed", MessageStatus.Undeliverable);
        await SeedAsync(database, "done", MessageStatus.Delivered);
        await using (var seed = database.CreateContext())
        {
            await seed.Messages.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.LeaseUntil, time.GetUtcNow().AddMinutes(1))
                .SetProperty(m => m.NextAttemptAt, time.GetUtcNow())
                .SetProperty(m => m.ProviderMessageId, "old-attempt")
                .SetProperty(m => m.Reason, MessageReason.Failed)
                .SetProperty(m => m.Error, "earlier failure"));
        }

        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);
        var acceptedAt = time.GetUtcNow().AddSeconds(-3);
        TransitionRequest Accept(string id, MessageStatus from, string? providerId) => new(id, from, MessageStatus.Sent, MessageEventSources.Pipeline)
        {
            Provider = "smtp",
            ProviderMessageId = providerId,
            EndsAttempt = true,
            At = acceptedAt,
            Detail = $"accepted {id}",
        };

        IReadOnlyList<TransitionResult> results;
        await using (var db = database.CreateContext())
        {
            results = await writer.TryTransitionManyAsync(db,
            [
                Accept("a", MessageStatus.Enqueued, "p-a"),
                Accept("moved", MessageStatus.Enqueued, "p-moved"), // canceled meanwhile: its guard fails
                Accept("b", MessageStatus.Enqueued, null),
                Accept("failed", MessageStatus.Undeliverable, "p-failed"),
                new("done", MessageStatus.Delivered, MessageStatus.Sent, MessageEventSources.Webhook), // backwards
            ]);
        }

        Assert.Equal(
            [TransitionOutcome.Applied, TransitionOutcome.Conflict, TransitionOutcome.Applied, TransitionOutcome.Applied, TransitionOutcome.NotAllowed],
            results.Select(r => r.Outcome));
        await using var check = database.CreateContext();
        var rows = await check.Messages.AsNoTracking().ToDictionaryAsync(m => m.Id);
        Assert.Equal(MessageStatus.Sent, rows["a"].Status);
        Assert.Equal(acceptedAt, rows["a"].SentAt);
        Assert.Equal(time.GetUtcNow(), rows["a"].UpdatedAt);
        Assert.Equal("smtp", rows["a"].Provider);
        Assert.Equal("p-a", rows["a"].ProviderMessageId);
        Assert.Null(rows["a"].LeaseUntil);
        Assert.Null(rows["a"].NextAttemptAt);
        Assert.Null(rows["b"].ProviderMessageId); // a new attempt's acceptance replaces the old attempt's id
        Assert.Null(rows["failed"].Reason); // succeeded after all
        Assert.Null(rows["failed"].Error);
        Assert.Equal(MessageStatus.Canceled, rows["moved"].Status);
        Assert.Equal("old-attempt", rows["moved"].ProviderMessageId);
        Assert.NotNull(rows["moved"].LeaseUntil);
        Assert.Equal(MessageStatus.Delivered, rows["done"].Status);
        var events = await check.MessageEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["a", "b", "failed"], events.Select(e => e.MessageId));
        Assert.All(events, e => Assert.Equal("SENT", e.Type));
        Assert.Equal("accepted b", events[1].Detail);
    }

    [Fact]
    public async Task TryTransitionManyAsync_WritesEveryRow_BeyondOneStatementsWorth()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ids = Enumerable.Range(0, 150).Select(i => $"m{i:000}").ToList();
        foreach (var id in ids)
        {
            await SeedAsync(database, id, MessageStatus.Sent);
        }

        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);
        await using (var db = database.CreateContext())
        {
            var results = await writer.TryTransitionManyAsync(db,
                ids.Select(id => new TransitionRequest(id, MessageStatus.Sent, MessageStatus.Delivered, MessageEventSources.Provider) { Provider = "simulated-email" }).ToList());
            Assert.All(results, r => Assert.True(r.Applied));
        }

        await using var check = database.CreateContext();
        Assert.Equal(150, await check.Messages.CountAsync(m => m.Status == MessageStatus.Delivered && m.DeliveredAt == time.GetUtcNow()));
        Assert.Equal(150, await check.MessageEvents.CountAsync(e => e.Type == "DELIVERED"));
    }

    [Fact]
    public async Task TryEndAttemptAsync_WritesReasonErrorAndNextAttempt_WhileStatusIsAsExpected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "m1", MessageStatus.Undeliverable);
        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);
        var next = time.GetUtcNow().AddMinutes(5);

        await using (var db = database.CreateContext())
        {
            Assert.True(await writer.TryEndAttemptAsync(db, new AttemptEnd("m1", MessageStatus.Undeliverable, MessageEventTypes.RetryScheduled, MessageEventSources.Pipeline)
            {
                Reason = MessageReason.Failed,
                Error = "timeout: no answer",
                NextAttemptAt = next,
                Detail = "Attempt 2 failed.",
            }));
        }

        await using var check = database.CreateContext();
        var message = await check.Messages.SingleAsync();
        Assert.Equal(MessageStatus.Undeliverable, message.Status);
        Assert.Equal(MessageReason.Failed, message.Reason);
        Assert.Equal("timeout: no answer", message.Error);
        Assert.Equal(next, message.NextAttemptAt);
        Assert.Null(message.LeaseUntil);
        Assert.Equal("Attempt 2 failed.", Assert.Single(await check.MessageEvents.ToListAsync()).Detail);
    }

    [Fact]
    public async Task TryEndAttemptAsync_LeavesReasonAndError_WhenAWebhookMovedTheMessageMeanwhile()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, "m1", MessageStatus.Enqueued);
        var writer = new MessageStatusWriter(time, new SqliteWriteTransactions(), []);
        await using (var db = database.CreateContext())
        {
            // The provider's delivery webhook lands while the send job is still writing its failure.
            Assert.True((await writer.TryTransitionAsync(db, new TransitionRequest("m1", MessageStatus.Enqueued, MessageStatus.Delivered, MessageEventSources.Webhook))).Applied);

            Assert.False(await writer.TryEndAttemptAsync(db, new AttemptEnd("m1", MessageStatus.Enqueued, "ENQUEUED", MessageEventSources.Pipeline)
            {
                Reason = MessageReason.ProviderError,
                Error = "permanent: rejected",
            }));
        }

        await using var check = database.CreateContext();
        var message = await check.Messages.SingleAsync();
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Null(message.Reason);
        Assert.Null(message.Error);
        Assert.Equal(["SENT", "DELIVERED"], (await check.MessageEvents.OrderBy(e => e.Id).ToListAsync()).Select(e => e.Type));
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
