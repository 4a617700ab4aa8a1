using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Persistence;

public sealed class ModelRowInserterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 23, 0, 0, 123, TimeSpan.FromHours(2));

    [Fact]
    public async Task InsertAsync_StoresWhatSaveChangesStores_ForEveryColumn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.Messages.Add(NewMessage("by-ef"));
            db.MessageEvents.AddRange(NewEvent("by-ef", MessageStatus.Enqueued), NewEvent("by-ef", null));
            await db.SaveChangesAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ModelRowInserter.InsertAsync(db, [NewMessage("by-inserter")]);
            await ModelRowInserter.InsertAsync(db, [NewEvent("by-inserter", MessageStatus.Enqueued), NewEvent("by-inserter", null)]);
            await transaction.CommitAsync();
        }

        await using var check = database.CreateContext();
        var messages = await check.Messages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(["by-ef", "by-inserter"], messages.Select(m => m.Id));
        foreach (var property in typeof(Message).GetProperties().Where(p => p.Name is not nameof(Message.Id) and not nameof(Message.EmailMessageId)))
        {
            Assert.True(Equals(property.GetValue(messages[0]), property.GetValue(messages[1])), $"{property.Name} differs");
        }

        var events = await check.MessageEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(4, events.Select(e => e.Id).Distinct().Count()); // the database numbered the appended rows too
        Assert.Equal(events.Take(2).Select(e => (e.At, e.Type, e.Status, e.Source, e.Provider, e.Detail, e.Payload)),
            events.Skip(2).Select(e => (e.At, e.Type, e.Status, e.Source, e.Provider, e.Detail, e.Payload)));
    }

    [Fact]
    public async Task InsertAsync_DuplicateKey_FailsWithTheDatabasesError_AndTheTransactionKeepsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Assert.ThrowsAnyAsync<DbException>(() => ModelRowInserter.InsertAsync(db, [NewMessage("one"), NewMessage("two"), NewMessage("one")]));
            await transaction.RollbackAsync();
        }

        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Messages.CountAsync());
    }

    [Fact]
    public async Task InsertAsync_OutsideATransaction_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await Assert.ThrowsAsync<InvalidOperationException>(() => ModelRowInserter.InsertAsync(db, [NewMessage("one")]));
    }

    private static Message NewMessage(string id) => new()
    {
        Id = id,
        RequestId = "request-1",
        Recipient = "user-1",
        RecipientUserId = "user-1",
        RecipientEmail = "ünïcode+1@example.com",
        RecipientPhone = null,
        RequestJson = """{"message":{"content":{"title":"Hi ☃"}},"to":{"user_id":"user-1"}}""",
        Template = "welcome",
        TemplateVersion = 3,
        Status = MessageStatus.Enqueued,
        Reason = MessageReason.Unsubscribed,
        EnqueuedAt = At,
        UpdatedAt = At.AddSeconds(1),
        NextAttemptAt = At.AddMinutes(1),
        RetryBudgetUntil = At.AddDays(1),
        ExpiresAt = null,
        AttemptCount = 2,
        RouteChannelIndex = 1,
        Tags = "a,b",
        TraceId = "trace-1",
    };

    private static MessageEvent NewEvent(string messageId, MessageStatus? status) => new()
    {
        MessageId = messageId,
        At = At,
        Type = "ENQUEUED",
        Status = status,
        Source = MessageEventSources.Api,
        Detail = status is null ? null : "first",
    };
}
