using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Bench;

/// <summary>
/// One send to a list of N subscribers: expansion (202 → the request COMPLETED, every member's message stored ENQUEUED)
/// and end to end (202 → every message DELIVERED), against the same run's baseline: one raw <c>INSERT … SELECT</c> of the
/// same message rows into a table with the same schema and indexes.
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

        var baselineSeconds = await BaselineAsync(database, requestId, subscribers);
        var (expansion, endToEnd, baseline) = (subscribers / expansionSeconds, subscribers / endToEndSeconds, subscribers / baselineSeconds);
        Console.WriteLine($"baseline (one raw INSERT … SELECT of the same {subscribers:N0} message rows, same schema and indexes): {baselineSeconds:0.00} s = {baseline:N0} rows/s");
        Console.WriteLine($"expansion (202 → every member's message stored ENQUEUED, request COMPLETED): {expansionSeconds:0.00} s = {expansion:N0} recipients/s ({expansion / baseline:0.00} of baseline)");
        Console.WriteLine($"end to end (202 → every message DELIVERED): {endToEndSeconds:0.00} s = {endToEnd:N0} recipients/s ({endToEnd / baseline:0.00} of baseline)");
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
    /// The app stopped: the same rows copied by one statement into a twin of the Messages table (its indexes too), on a
    /// connection with the app's pragmas.
    /// </summary>
    private static async Task<double> BaselineAsync(string database, string requestId, int expected)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await SqlitePragmaInterceptor.ApplyOnceAsync(connection); // the app's connection settings (synchronous, mmap, cache…)
        var schema = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'Messages' AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                schema.Add(reader.GetString(0).Replace("\"Messages\"", "\"BaselineMessages\"", StringComparison.Ordinal).Replace("_Messages_", "_BaselineMessages_", StringComparison.Ordinal));
            }
        }

        await using (var create = connection.CreateCommand())
        {
            create.CommandText = string.Join(";\n", schema);
            await create.ExecuteNonQueryAsync();
        }

        await using var copy = connection.CreateCommand();
        copy.CommandText = "INSERT INTO \"BaselineMessages\" SELECT * FROM \"Messages\" WHERE \"RequestId\" = $id";
        copy.Parameters.AddWithValue("$id", requestId);
        var clock = Stopwatch.StartNew();
        var rows = await copy.ExecuteNonQueryAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (rows != expected)
        {
            throw new InvalidOperationException($"The baseline copied {rows} rows, not {expected}: the fan-out did not make one message per member.");
        }

        return seconds;
    }
}
