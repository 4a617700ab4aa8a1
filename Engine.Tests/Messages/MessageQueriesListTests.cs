using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Messages;

/// <summary>
/// The event-log page query runs hand-built SQL; these tests hold it to the LINQ definition of a filter
/// (<see cref="MessageQueries.Apply"/>), to keyset paging, and to every column the EF model maps.
/// </summary>
public sealed class MessageQueriesListTests(SeededMessages seeded) : IClassFixture<SeededMessages>
{
    [Theory]
    [MemberData(nameof(MessageFilterCombinations.Names), MemberType = typeof(MessageFilterCombinations))]
    public async Task ListAsync_SelectsTheRowsApplySelects_ForEveryFilterCombination(string combination)
    {
        var filter = MessageFilterCombinations.Parse(combination, SeededMessages.Now);
        var queries = new MessageQueries(seeded.Database.Factory);
        List<string> expected;
        await using (var db = seeded.Database.CreateContext())
        {
            expected = await MessageQueries.Apply(db, filter)
                .OrderByDescending(m => m.EnqueuedAt).ThenByDescending(m => m.Id)
                .Select(m => m.Id).ToListAsync();
        }

        var actual = await ReadAllPagesAsync(queries, filter, pageSize: 7);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task ListAsync_FiltersMatchSomeRowsAndMissOthers_SoTheComparisonMeansSomething()
    {
        var queries = new MessageQueries(seeded.Database.Factory);
        foreach (var (name, filter) in MessageFilterCombinations.Single(SeededMessages.Now).Skip(1))
        {
            var count = (await ReadAllPagesAsync(queries, filter, pageSize: MessageQueries.MaxPageSize)).Count;
            Assert.True(count is > 0 and < SeededMessages.Count, $"{name} selects {count} of {SeededMessages.Count} rows");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(50)]
    public async Task ListAsync_PagesConcatenateToTheWholeNewestFirstOrder_BreakingTiesById(int pageSize)
    {
        var queries = new MessageQueries(seeded.Database.Factory);
        List<(DateTimeOffset At, string Id)> all;
        await using (var db = seeded.Database.CreateContext())
        {
            all = (await db.Messages.AsNoTracking().Select(m => new { m.EnqueuedAt, m.Id }).ToListAsync())
                .Select(m => (m.EnqueuedAt, m.Id))
                .OrderByDescending(m => m.EnqueuedAt).ThenByDescending(m => m.Id, StringComparer.Ordinal)
                .ToList();
        }

        Assert.True(all.GroupBy(m => m.At).Any(g => g.Count() > 1), "The seed must hold ties on EnqueuedAt.");

        var pages = 0;
        var actual = new List<string>();
        MessageCursor? cursor = null;
        do
        {
            var page = await queries.ListAsync(new MessageFilter(), cursor, pageSize);
            Assert.True(page.Items.Count == pageSize || page.Next is null, "Only the last page may be short.");
            actual.AddRange(page.Items.Select(m => m.Id));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(all.Select(m => m.Id), actual);
        Assert.Equal((SeededMessages.Count + pageSize - 1) / pageSize, pages);
    }

    [Fact]
    public async Task ListAsync_ReadsEveryMappedColumn_AsEfCoreReadsIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var enqueued = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        var message = new Message
        {
            Id = "full", RequestId = "req", Recipient = "ada", RecipientUserId = "ada", RecipientEmail = "ada@example.com",
            RecipientPhone = "+15550100", RequestJson = "{\"a\":1}", Template = "welcome", TemplateId = "tpl-1", TemplateVersion = 3,
            Channel = "email", Provider = "sendgrid", ProviderMessageId = "pm-1", Status = MessageStatus.Undeliverable,
            Reason = MessageReason.Bounced, Error = "550 mailbox", EnqueuedAt = enqueued, SentAt = enqueued.AddSeconds(1),
            DeliveredAt = enqueued.AddSeconds(2), OpenedAt = enqueued.AddSeconds(3), ClickedAt = enqueued.AddSeconds(4),
            UpdatedAt = enqueued.AddSeconds(5), AttemptCount = 2, NextAttemptAt = enqueued.AddSeconds(6), LeaseUntil = enqueued.AddSeconds(7),
            LeaseOwner = "run-1", RetryBudgetUntil = enqueued.AddDays(1), ExpiresAt = enqueued.AddDays(2), RouteChannelIndex = 1,
            RouteProviderIndex = 2, Tags = "vip,promo", TraceId = "trace", OutputJson = "{\"email\":{}}",
        };
        var sparse = new Message { Id = "sparse", RequestId = "req2", Recipient = "bob", RequestJson = "{}", EnqueuedAt = enqueued.AddSeconds(-1), UpdatedAt = enqueued };
        await using (var db = database.CreateContext())
        {
            db.Messages.AddRange(message, sparse);
            await db.SaveChangesAsync();
        }

        var page = await new MessageQueries(database.Factory).ListAsync(new MessageFilter(), null, 10);

        await using var read = database.CreateContext();
        var properties = read.Model.FindEntityType(typeof(Message))!.GetProperties().Select(p => p.PropertyInfo!).ToList();
        foreach (var id in new[] { "full", "sparse" })
        {
            var expected = await read.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
            var actual = page.Items.Single(m => m.Id == id);
            foreach (var property in properties)
            {
                Assert.Equal(property.GetValue(expected), property.GetValue(actual));
            }
        }

        // Every property of the full row is set, so none of them can be silently skipped by the reader.
        Assert.All(properties, p => Assert.NotNull(p.GetValue(page.Items.Single(m => m.Id == "full"))));
        Assert.Equal(TimeSpan.Zero, page.Items[0].EnqueuedAt.Offset);
        Assert.Equal(enqueued, page.Items[0].EnqueuedAt);
    }

    [Fact]
    public async Task ListAsync_RunsTheConnectionPragmas_OnTheConnectionItOpens()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await new MessageQueries(database.Factory).ListAsync(new MessageFilter(), null, 10);

        // The pool holds just the one handle ListAsync opened and gave back: this open gets it again.
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(1L, await command.ExecuteScalarAsync()); // NORMAL; a fresh handle says FULL (2)
        command.CommandText = "PRAGMA mmap_size";
        Assert.Equal(268435456L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task RowReaderColumns_AreExactlyTheColumnsTheModelMaps()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var entity = db.Model.FindEntityType(typeof(Message))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var mapped = entity.GetProperties().Select(p => p.GetColumnName(table)!).Order(StringComparer.Ordinal);

        Assert.Equal(mapped, MessageRowReader.Columns.Order(StringComparer.Ordinal));
        Assert.Equal("Messages", entity.GetTableName());
    }

    [Fact]
    public void PageSql_TextDependsOnlyOnTheFiltersShape()
    {
        var a = MessageQueries.PageSql(new MessageFilter { Statuses = [MessageStatus.Sent], RecipientPrefix = "ada", Search = "x" }, new MessageCursor(SeededMessages.Now, "m-1"), 50);
        var b = MessageQueries.PageSql(new MessageFilter { Statuses = [MessageStatus.Opened], RecipientPrefix = "bob'; DROP TABLE Messages; --", Search = "y" }, new MessageCursor(SeededMessages.Now.AddDays(-1), "m-2"), 20);
        var c = MessageQueries.PageSql(new MessageFilter { Statuses = [MessageStatus.Opened, MessageStatus.Sent], RecipientPrefix = "bob", Search = "y" }, null, 20);

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
        Assert.DoesNotContain("bob", b.Text, StringComparison.Ordinal);
        Assert.Contains(b.Parameters, p => p.Key == "@recipientFrom" && (string)p.Value == "bob'; DROP TABLE Messages; --");
        Assert.Contains(b.Parameters, p => p.Key == "@limit" && (int)p.Value == 21);
    }

    private static async Task<List<string>> ReadAllPagesAsync(MessageQueries queries, MessageFilter filter, int pageSize)
    {
        var ids = new List<string>();
        MessageCursor? cursor = null;
        do
        {
            var page = await queries.ListAsync(filter, cursor, pageSize);
            ids.AddRange(page.Items.Select(m => m.Id));
            cursor = page.Next;
        }
        while (cursor is not null);

        return ids;
    }
}
