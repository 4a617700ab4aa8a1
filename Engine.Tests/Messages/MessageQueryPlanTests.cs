using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Messages;

/// <summary>Every event-log filter, alone and combined, must be served by an index: no full scan of Messages.</summary>
public sealed class MessageQueryPlanTests
{
    private static readonly (string Name, MessageFilter Filter)[] Single =
    [
        ("none", new MessageFilter()),
        ("status", new MessageFilter { Statuses = [MessageStatus.Undeliverable, MessageStatus.Sent] }),
        ("provider", new MessageFilter { Providers = ["sendgrid"] }),
        ("channel", new MessageFilter { Channels = ["email"] }),
        ("tag", new MessageFilter { Tags = ["vip"] }),
        ("recipient", new MessageFilter { Recipient = "ada@example.com" }),
        ("recipient prefix", new MessageFilter { RecipientPrefix = "ada" }),
        ("template", new MessageFilter { Template = "welcome" }),
        ("trace", new MessageFilter { TraceId = "t-1" }),
        ("search", new MessageFilter { Search = "abc" }),
        ("time", new MessageFilter { EnqueuedAfter = DateTimeOffset.UtcNow.AddHours(-1) }),
    ];

    public static TheoryData<string> Combinations()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Single)
        {
            data.Add(name);
        }

        foreach (var (first, _) in Single.Skip(1))
        {
            foreach (var (second, _) in Single.Skip(1))
            {
                if (string.CompareOrdinal(first, second) < 0)
                {
                    data.Add($"{first}+{second}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task ListQuery_UsesAnIndex_ForEveryFilterCombination(string combination)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var filter = combination.Split('+').Select(n => Single.Single(s => s.Name == n).Filter).Aggregate(Merge);
        var cursor = new MessageCursor(DateTimeOffset.UtcNow, "zzz");
        var at = cursor.EnqueuedAt;
        var id = cursor.Id;
        var sql = MessageQueries.Apply(db, filter)
            .Where(m => m.EnqueuedAt < at || (m.EnqueuedAt == at && string.Compare(m.Id, id) < 0))
            .OrderByDescending(m => m.EnqueuedAt).ThenByDescending(m => m.Id)
            .Take(51)
            .ToQueryString();

        var plan = await ExplainAsync(database.ConnectionString, sql);

        Assert.DoesNotContain(plan, line => IsTableScanOfMessages(line));
        if (combination != "none")
        {
            // A filter narrows through an index seek, not by walking every row of the time-ordered index.
            Assert.True(plan.Any(line => line.StartsWith("SEARCH", StringComparison.Ordinal)), $"No index seek for {combination}:\n{string.Join("\n", plan)}");
        }
    }

    private static bool IsTableScanOfMessages(string line) =>
        line.Contains("SCAN m", StringComparison.Ordinal) && !line.Contains("USING", StringComparison.Ordinal)
        || line.Contains("SCAN Messages", StringComparison.Ordinal) && !line.Contains("USING", StringComparison.Ordinal);

    private static MessageFilter Merge(MessageFilter a, MessageFilter b) => a with
    {
        Statuses = [.. a.Statuses, .. b.Statuses],
        Providers = [.. a.Providers, .. b.Providers],
        Channels = [.. a.Channels, .. b.Channels],
        Tags = [.. a.Tags, .. b.Tags],
        Recipient = a.Recipient ?? b.Recipient,
        RecipientPrefix = a.RecipientPrefix ?? b.RecipientPrefix,
        Template = a.Template ?? b.Template,
        TraceId = a.TraceId ?? b.TraceId,
        Search = a.Search ?? b.Search,
        EnqueuedAfter = a.EnqueuedAfter ?? b.EnqueuedAfter,
    };

    private static async Task<IReadOnlyList<string>> ExplainAsync(string connectionString, string sql)
    {
        // ToQueryString declares parameters as ".param set" lines; EXPLAIN needs only the statement.
        var statement = string.Join("\n", sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal) && !l.StartsWith("--", StringComparison.Ordinal)));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
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
