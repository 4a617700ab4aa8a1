using System.Diagnostics;
using System.Text.Json;

namespace NotificationOps.Bench;

/// <summary>
/// An audience over N profiles with two filters and one nested group: the calculation (PUT → the new membership
/// served), then single profile changes (PUT /api/profiles/{id}), each reflected in the membership when the PUT answers
/// (the incremental update runs after the profile's commit, inside the request); p50/p95/max over the changes.
/// </summary>
public static class AudienceBenchmark
{
    private const string Audience = "bench-audience";

    // plan = pro AND age >= 30 AND (country = DE OR country = FR)
    private const string Filter = """
        {"name": "Bench", "operator": "AND", "filter": {"filters": [
          {"operator": "EQ", "path": "plan", "value": "pro"},
          {"operator": "GTE", "path": "age", "value": "30"},
          {"operator": "OR", "filters": [{"operator": "EQ", "path": "address.country", "value": "DE"}, {"operator": "EQ", "path": "address.country", "value": "FR"}]}
        ]}}
        """;

    private const string Matching = """
        json_extract("DataJson", '$.plan') = 'pro' AND json_extract("DataJson", '$.age') >= 30 AND json_extract("DataJson", '$.address.country') IN ('DE', 'FR')
        """;

    public static async Task<int> RunAsync(int profiles, int changes)
    {
        var database = Path.Combine(Path.GetTempPath(), $"nops-audience-bench-{Guid.NewGuid():N}.db");
        Console.WriteLine($"Audience benchmark: {profiles:N0} profiles, two filters and one nested group, then {changes:N0} single changes; SQLite; {Environment.ProcessorCount} cores");
        var app = await DashboardProcess.StartAsync(database, new Dictionary<string, string> { ["Bootstrap__ApiKey"] = SendLoad.ApiKey });
        try
        {
            using var client = BenchStore.Client(app);
            var seed = Stopwatch.StartNew();
            await BenchStore.SeedProfilesAsync(client, database, profiles,
                "json_object('email', printf('u%07d@example.com', n), 'plan', CASE n % 3 WHEN 0 THEN 'pro' ELSE 'free' END, 'age', n % 70, " +
                "'address', json_object('country', CASE n % 4 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' WHEN 2 THEN 'GB' ELSE 'US' END))");
            Console.WriteLine($"  seeded in {seed.Elapsed.TotalSeconds:0.0} s");

            // Warm-up: the same calculation over the profiles once, so the measured one runs compiled code.
            await CalculateAsync(client, "bench-warmup");

            var clock = Stopwatch.StartNew();
            var count = await CalculateAsync(client, Audience);
            var calculation = clock.Elapsed.TotalSeconds;
            var expected = await BenchStore.ScalarAsync(database, $"SELECT COUNT(*) FROM \"Profiles\" WHERE {Matching}");
            Console.WriteLine($"calculation: {calculation:0.00} s for {profiles:N0} profiles = {profiles / calculation:N0} profiles/s; {count:N0} members (SQL says {expected:N0})");

            var latencies = await ChangesAsync(client, profiles, changes);
            var member = await MemberCountAsync(client, Audience);
            var after = await BenchStore.ScalarAsync(database, $"SELECT COUNT(*) FROM \"Profiles\" WHERE {Matching}");
            latencies.Sort();
            Console.WriteLine($"single change (PUT /api/profiles/{{id}}, membership updated when it answers): p50 {Percentile(latencies, 0.50):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, max {latencies[^1]:0.0} ms over {changes:N0}");
            Console.WriteLine($"  after the changes: member_count {member:N0}, SQL says {after:N0}{(member == after ? "" : "  MISMATCH")}");
            return member == after && count == expected ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
            BenchStore.Delete(database);
        }
    }

    private static async Task<long> CalculateAsync(HttpClient client, string audience)
    {
        await BenchStore.SendAsync(client, HttpMethod.Put, $"/api/audiences/{audience}", Filter);
        var done = await BenchStore.WaitAsync(() => BenchStore.SendAsync(client, HttpMethod.Get, $"/api/audiences/{audience}", null),
            text => !JsonDocument.Parse(text).RootElement.GetProperty("calculating").GetBoolean(), TimeSpan.FromMinutes(30), "calculation");
        return JsonDocument.Parse(done).RootElement.GetProperty("member_count").GetInt64();
    }

    private static async Task<long> MemberCountAsync(HttpClient client, string audience) =>
        JsonDocument.Parse(await BenchStore.SendAsync(client, HttpMethod.Get, $"/api/audiences/{audience}", null)).RootElement.GetProperty("member_count").GetInt64();

    /// <summary>One change at a time, each turning a random profile into a member or out of one.</summary>
    private static async Task<List<double>> ChangesAsync(HttpClient client, int profiles, int changes)
    {
        var random = new Random(14);
        var latencies = new List<double>(changes);
        for (var i = 0; i < changes; i++)
        {
            var n = random.Next(profiles);
            var plan = random.Next(2) == 0 ? "pro" : "free";
            var body = $$"""{"profile": {"email": "u{{n:D7}}@example.com", "plan": "{{plan}}", "age": 40, "address": {"country": "DE"} } }""";
            var clock = Stopwatch.StartNew();
            await BenchStore.SendAsync(client, HttpMethod.Put, $"/api/profiles/u{n:D7}", body);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
