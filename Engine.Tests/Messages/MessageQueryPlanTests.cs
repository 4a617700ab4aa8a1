using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Messages;

/// <summary>
/// Every event-log filter, alone and combined, must be served by an index: no full scan of Messages. The plan is
/// taken of the statement <see cref="MessageQueries.ListAsync"/> actually runs (<see cref="MessageQueries.PageSql"/>).
/// </summary>
public sealed partial class MessageQueryPlanTests
{
    public static TheoryData<string> Combinations() => MessageFilterCombinations.Names();

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task PageSql_UsesAnIndex_ForEveryFilterCombination(string combination)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var filter = MessageFilterCombinations.Parse(combination, DateTimeOffset.UtcNow);

        var firstPage = await ExplainAsync(database.ConnectionString, MessageQueries.PageSql(filter, null, 50));
        var deepPage = await ExplainAsync(database.ConnectionString, MessageQueries.PageSql(filter, new MessageCursor(DateTimeOffset.UtcNow, "zzz"), 50));

        Assert.DoesNotContain(firstPage, IsTableScanOfMessages);
        Assert.DoesNotContain(deepPage, IsTableScanOfMessages);
        if (combination != "none")
        {
            // A filter (or the cursor) narrows through an index seek, not by walking every row of the time-ordered index.
            Assert.True(deepPage.Any(line => line.StartsWith("SEARCH", StringComparison.Ordinal)), $"No index seek for {combination}:\n{string.Join("\n", deepPage)}");
        }
    }

    [Fact]
    public async Task PageSql_PicksARecipientPrefixPageFromTheCoveringIndex_BeforeReadingRows()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var plan = await ExplainAsync(database.ConnectionString, MessageQueries.PageSql(new MessageFilter { RecipientPrefix = "user42" }, null, 50));

        Assert.Contains(plan, line => line.Contains("COVERING INDEX IX_Messages_Recipient_EnqueuedAt_Id", StringComparison.Ordinal));
        // The rows themselves are fetched by primary key, only for the page's keys.
        Assert.Contains(plan, line => line.StartsWith("SEARCH r USING INDEX sqlite_autoindex_Messages_1 (Id=?)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PageSql_ReadsTwoStatusesAsOneTimeOrderedRangeEach_NotByWalkingTheTimeIndex()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var plan = await ExplainAsync(database.ConnectionString, MessageQueries.PageSql(new MessageFilter { Statuses = [MessageStatus.Unroutable, MessageStatus.Canceled] }, null, 50));

        Assert.Equal(2, plan.Count(line => line.StartsWith("SEARCH m USING COVERING INDEX IX_Messages_Status_EnqueuedAt_Id (Status=?)", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, line => line.Contains("IX_Messages_EnqueuedAt_Id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SCAN m", true)]
    [InlineData("SCAN r", true)]
    [InlineData("SCAN Messages", true)]
    [InlineData("SCAN m USING INDEX IX_Messages_EnqueuedAt_Id", false)]
    [InlineData("SCAN k", false)]
    [InlineData("SEARCH m USING INDEX IX_Messages_Status_EnqueuedAt_Id (Status=?)", false)]
    public void IsTableScanOfMessages_FlagsOnlyScansOfTheTable(string line, bool expected) =>
        Assert.Equal(expected, IsTableScanOfMessages(line));

    private static bool IsTableScanOfMessages(string line) => TableScan().IsMatch(line);

    [GeneratedRegex(@"^SCAN (m|r|Messages)$")]
    private static partial Regex TableScan();

    private static async Task<IReadOnlyList<string>> ExplainAsync(string connectionString, MessagePageSql sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql.Text;
        foreach (var (name, value) in sql.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        Assert.NotEmpty(lines);
        return lines;
    }
}
