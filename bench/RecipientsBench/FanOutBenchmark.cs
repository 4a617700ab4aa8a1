using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Bench;

/// <summary>
/// One send to a list of N subscribers: expansion (202 → the request COMPLETED, every member's message stored ENQUEUED)
/// and end to end (202 → every message DELIVERED), against the same run's baselines: raw <c>INSERT … SELECT</c>s of the same
/// message rows (and of all the rows the expansion writes) into tables with the same schema and indexes.
/// </summary>
public static class FanOutBenchmark
{
    private const string List = "bench.all";
    private const int WarmupMembers = 2_000;

    public static async Task<int> RunAsync(int subscribers)
    {
        var database = Path.Combine(Path.GetTempPath(), $"nops-fanout-bench-{Guid.NewGuid():N}.db");
        Console.WriteLine($"Fan-out benchmark: a list of {subscribers:N0} subscribers, one send; SQLite; {Environment.ProcessorCount} cores");
        string requestId;
        double expansionSeconds, endToEndSeconds;
        var app = await DashboardProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Bootstrap__ApiKey"] = SendLoad.ApiKey,
            ["Providers__simulated-email__DeliveryDelayMs"] = "0",
        });
        try
        {
            using var client = BenchStore.Client(app);
            await BenchStore.SeedProfilesAsync(client, database, subscribers,
                "json_object('email', printf('u%07d@example.com', n), 'name', printf('User %d', n))");
            await SubscribeAsync(client, List, subscribers);
            await SubscribeAsync(client, "bench.warm", Math.Min(WarmupMembers, subscribers));
            Console.WriteLine("  seeded profiles and subscriptions");

            // A cold process compiles as it goes: a small fan-out first, delivered, so the measurement is of the warm app.
            var warm = await SendToListAsync(client, "bench.warm");
            await WaitRequestAsync(client, warm);
            await WaitDeliveredAsync(database, warm, Math.Min(WarmupMembers, subscribers));

            var clock = Stopwatch.StartNew();
            requestId = await SendToListAsync(client, List);
            var progress = await WaitRequestAsync(client, requestId);
            expansionSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  expansion: {progress}");
            await WaitDeliveredAsync(database, requestId, subscribers);
            endToEndSeconds = clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await app.DisposeAsync();
        }

        var (messagesSeconds, allRowsSeconds) = await BaselineAsync(database, requestId, subscribers);
        var (expansion, endToEnd, messagesBaseline, allRowsBaseline) =
            (subscribers / expansionSeconds, subscribers / endToEndSeconds, subscribers / messagesSeconds, subscribers / allRowsSeconds);
        Console.WriteLine($"baseline, messages (one raw INSERT … SELECT of the same {subscribers:N0} message rows, same schema and indexes): {messagesSeconds:0.00} s = {messagesBaseline:N0} members/s");
        Console.WriteLine($"baseline, all rows (raw INSERT … SELECTs of the same messages, first events and tags, one transaction, same schemas, indexes and foreign keys): {allRowsSeconds:0.00} s = {allRowsBaseline:N0} members/s");
        Console.WriteLine($"expansion (202 → every member's message stored ENQUEUED, request COMPLETED): {expansionSeconds:0.00} s = {expansion:N0} recipients/s ({expansion / messagesBaseline:0.00} of the messages baseline, {expansion / allRowsBaseline:0.00} of the all-rows baseline)");
        Console.WriteLine($"end to end (202 → every message DELIVERED): {endToEndSeconds:0.00} s = {endToEnd:N0} recipients/s");
        BenchStore.Delete(database);
        return 0;
    }

    private static async Task SubscribeAsync(HttpClient client, string list, int count)
    {
        for (var start = 0; start < count; start += 10_000)
        {
            var ids = Enumerable.Range(start, Math.Min(10_000, count - start)).Select(n => $"{{\"recipientId\":\"u{n:D7}\"}}");
            await BenchStore.SendAsync(client, HttpMethod.Post, $"/api/lists/{list}/subscriptions", $"{{\"recipients\":[{string.Join(',', ids)}]}}");
        }
    }

    private static async Task<string> SendToListAsync(HttpClient client, string list)
    {
        var body = $$$"""{"message": {"to": {"list_id": "{{{list}}}"}, "content": {"title": "Hi {{name}}", "body": "Hello **{{name}}**."}, "routing": {"method": "single", "channels": ["email"]}, "metadata": {"tags": ["bench"]} } }""";
        var answer = await BenchStore.SendAsync(client, HttpMethod.Post, "/api/send", body);
        return JsonDocument.Parse(answer).RootElement.GetProperty("requestId").GetString()!;
    }

    /// <summary>Polls the request's progress; with NOPS_BENCH_TRACE=1 prints each step of it (members so far, elapsed).</summary>
    private static async Task<string> WaitRequestAsync(HttpClient client, string requestId)
    {
        var trace = Environment.GetEnvironmentVariable("NOPS_BENCH_TRACE") == "1";
        var clock = Stopwatch.StartNew();
        var last = -1;
        return await BenchStore.WaitAsync(async () =>
        {
            var text = await BenchStore.SendAsync(client, HttpMethod.Get, $"/api/requests/{requestId}", null);
            var members = JsonDocument.Parse(text).RootElement.GetProperty("members").GetInt32();
            if (trace && members != last)
            {
                Console.WriteLine($"    {clock.Elapsed.TotalSeconds:0.00} s: {members} members expanded");
                last = members;
            }

            return text;
        }, text => !text.Contains("\"EXPANDING\"", StringComparison.Ordinal), TimeSpan.FromMinutes(20), "expansion");
    }

    private static async Task WaitDeliveredAsync(string database, string requestId, int expected) =>
        await BenchStore.WaitAsync(() => BenchStore.ScalarAsync(database, $"SELECT COUNT(*) FROM \"Messages\" WHERE \"RequestId\" = '{requestId}' AND \"Status\" = 2"),
            delivered => delivered >= expected, TimeSpan.FromMinutes(30), "delivery");

    /// <summary>
    /// The app stopped, two baselines on a connection with the app's pragmas (foreign keys on, as the app has them).
    /// First the rows to copy are staged, untimed, in plain tables in the expansion's order, so each baseline times only
    /// its writes. <b>Messages</b>: the request's message rows, one <c>INSERT … SELECT</c> into a twin of the Messages
    /// table (its indexes too). <b>All rows</b>: what the expansion writes per member, the message, its first history
    /// event and its tag, by three <c>INSERT … SELECT</c>s in one transaction into twins of the three tables (indexes and
    /// foreign keys too).
    /// </summary>
    private static async Task<(double Messages, double AllRows)> BaselineAsync(string database, string requestId, int expected)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await SqlitePragmaInterceptor.ApplyOnceAsync(connection); // the app's connection settings (synchronous, mmap, foreign keys…)
        string[] tables = ["Messages", "MessageEvents", "MessageTags"];
        await TwinAsync(connection, tables, "BaseOnly");
        await TwinAsync(connection, tables, "BaseAll");
        var member = "JOIN \"Messages\" m ON m.\"Id\" = x.\"MessageId\" WHERE m.\"RequestId\" = $id";
        await ExecuteAsync(connection, requestId,
            "CREATE TABLE \"StageMessages\" AS SELECT * FROM \"Messages\" WHERE \"RequestId\" = $id ORDER BY rowid",
            $"CREATE TABLE \"StageMessageEvents\" AS SELECT x.* FROM \"MessageEvents\" x {member} AND x.\"Type\" = 'ENQUEUED' ORDER BY m.rowid",
            $"CREATE TABLE \"StageMessageTags\" AS SELECT x.* FROM \"MessageTags\" x {member} ORDER BY m.rowid");
        if (await CountAsync(connection, "StageMessages") != expected || await CountAsync(connection, "StageMessageEvents") != expected)
        {
            throw new InvalidOperationException($"The fan-out did not make one message and one first event per member ({expected}).");
        }

        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connection, requestId, "INSERT INTO \"BaseOnlyMessages\" SELECT * FROM \"StageMessages\"");
        var messages = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, requestId, tables.Select(t => $"INSERT INTO \"BaseAll{t}\" SELECT * FROM \"Stage{t}\"").ToArray());
            await transaction.CommitAsync();
        }

        return (messages, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Empty copies of <paramref name="tables"/> named <c>{prefix}{table}</c>, with their indexes and their foreign keys pointing at each other.</summary>
    private static async Task TwinAsync(SqliteConnection connection, string[] tables, string prefix)
    {
        var schema = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT sql FROM sqlite_master WHERE tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))}) AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                schema.Add(tables.Aggregate(reader.GetString(0), (sql, t) => sql
                    .Replace($"\"{t}\"", $"\"{prefix}{t}\"", StringComparison.Ordinal)
                    .Replace($"_{t}_", $"_{prefix}{t}_", StringComparison.Ordinal)
                    .Replace($"\"PK_{t}\"", $"\"PK_{prefix}{t}\"", StringComparison.Ordinal)));
            }
        }

        await ExecuteAsync(connection, null, string.Join(";\n", schema));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string? requestId, params string[] statements)
    {
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (requestId is not null)
            {
                command.Parameters.AddWithValue("$id", requestId);
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
