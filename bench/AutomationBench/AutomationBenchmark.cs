using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace NotificationOps.Bench;

public static class AutomationBenchmark
{
    private const string ApiKey = "nops_bench_key_0123456789abcdef";
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(int runs, int concurrency)
    {
        Console.WriteLine($"{runs} runs of [delay 5 s, send], {concurrency} concurrent invokes; {Environment.ProcessorCount} cores");
        await BaselineAsync(runs, concurrency);
        await PassAsync("no crash", runs, concurrency, crash: false);
        await PassAsync("kill -9 as the delays fall due, restart", runs, concurrency, crash: true);
        return 0;
    }

    private static async Task PassAsync(string name, int runs, int concurrency, bool crash)
    {
        var database = Path.Combine(Path.GetTempPath(), $"nops-automation-bench-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string>
        {
            ["Bootstrap__ApiKey"] = ApiKey,
            ["Providers__simulated-email__DeliveryDelayMs"] = "0",
        };
        var app = await DashboardProcess.StartAsync(database, environment);
        try
        {
            using var client = Client(app);
            await PostAsync(client, "/api/templates", """{"alias": "bench", "name": "Bench", "content": {"email": {"subject": "Hi", "html": "<p>Hello</p>"}}}""");
            await PostAsync(client, "/api/templates/bench/publish", "{}");

            var body = """{"automation": {"steps": [{"action": "delay", "duration": "5 seconds"}, {"action": "send", "template": "bench"}]}, "recipient": "u", "profile": {"email": "bench@example.com"}}""";
            var clock = Stopwatch.StartNew();
            var next = 0;
            var workers = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= runs)
                {
                    await PostAsync(client, "/api/automations/invoke", body);
                }
            });
            await Task.WhenAll(workers);
            var acceptSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"[{name}] invoke: {runs} accepted in {acceptSeconds:0.0} s = {runs / acceptSeconds:0} runs/s");

            if (crash)
            {
                // The first delays end 5 s after the first invoke; kill as they fall due.
                var untilDue = Delay - clock.Elapsed;
                if (untilDue > TimeSpan.Zero)
                {
                    await Task.Delay(untilDue);
                }

                await app.DisposeAsync(); // kill -9 (Process.Kill)
                var sent = Count(database, "SELECT COUNT(*) FROM \"Messages\"");
                Console.WriteLine($"[{name}] killed; {sent} of {runs} sends done at the kill");
                var restart = Stopwatch.StartNew();
                app = await DashboardProcess.StartAsync(database, environment);
                Console.WriteLine($"[{name}] restarted in {restart.Elapsed.TotalSeconds:0.0} s");
            }

            var deadline = Stopwatch.StartNew();
            while (Count(database, "SELECT COUNT(*) FROM \"AutomationRuns\" WHERE \"Status\" = 'Completed'") < runs)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                {
                    Console.WriteLine($"[{name}] NOT DONE after 10 min: {Count(database, "SELECT COUNT(*) FROM \"AutomationRuns\" WHERE \"Status\" = 'Completed'")} completed");
                    return;
                }

                await Task.Delay(500);
            }

            Report(name, database, runs);
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    /// <summary>
    /// The same-run baseline: N delayed sends (POST /api/send with a 5 s delay, the send pipeline's own durable
    /// delay) from the same app, their first attempt's lateness after the due time.
    /// </summary>
    private static async Task BaselineAsync(int runs, int concurrency)
    {
        var database = Path.Combine(Path.GetTempPath(), $"nops-automation-bench-{Guid.NewGuid():N}.db");
        var app = await DashboardProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Bootstrap__ApiKey"] = ApiKey,
            ["Providers__simulated-email__DeliveryDelayMs"] = "0",
        });
        try
        {
            using var client = Client(app);
            var body = """{"message": {"to": {"email": "bench@example.com"}, "content": {"title": "Hi", "body": "Hello"}, "delay": {"duration": 5000}}}""";
            var clock = Stopwatch.StartNew();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= runs)
                {
                    await PostAsync(client, "/api/send", body);
                }
            }));
            Console.WriteLine($"[baseline: delayed sends] accept: {runs} in {clock.Elapsed.TotalSeconds:0.0} s = {runs / clock.Elapsed.TotalSeconds:0} sends/s");
            while (Count(database, "SELECT COUNT(DISTINCT \"MessageId\") FROM \"DeliveryAttempts\"") < runs)
            {
                await Task.Delay(500);
            }

            using var connection = Open(database);
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT m."EnqueuedAt", MIN(a."StartedAt") FROM "Messages" m JOIN "DeliveryAttempts" a ON a."MessageId" = m."Id" GROUP BY m."Id", m."EnqueuedAt"
                """;
            var lateness = new List<double>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    lateness.Add(TimeSpan.FromTicks(reader.GetInt64(1) - reader.GetInt64(0)).TotalMilliseconds - Delay.TotalMilliseconds);
                }
            }

            Console.WriteLine(Percentiles("baseline: delayed sends", lateness));
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static string Percentiles(string name, List<double> lateness)
    {
        lateness.Sort();
        double P(double q) => lateness[Math.Min(lateness.Count - 1, (int)(q * lateness.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"[{name}] lateness after due (ms): p50 {P(0.50):0} p95 {P(0.95):0} p99 {P(0.99):0} max {lateness[^1]:0}");
    }

    private static void Report(string name, string database, int runs)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d."DueAt", s."StartedAt" FROM "AutomationRunSteps" d
            JOIN "AutomationRunSteps" s ON s."RunId" = d."RunId" AND s."Index" = 1
            WHERE d."Index" = 0
            """;
        var lateness = new List<double>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                lateness.Add(TimeSpan.FromTicks(reader.GetInt64(1) - reader.GetInt64(0)).TotalMilliseconds);
            }
        }

        var messages = Count(database, "SELECT COUNT(*) FROM \"Messages\"");
        var distinct = Count(database, "SELECT COUNT(DISTINCT \"RequestId\") FROM \"Messages\"");
        Console.WriteLine($"{Percentiles(name, lateness)}; runs completed {runs}; messages {messages} (distinct requests {distinct})");
    }

    private static int Count(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static HttpClient Client(DashboardProcess app)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    private static async Task PostAsync(HttpClient client, string path, string body)
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
