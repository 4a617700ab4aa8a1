using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Bench;

public static class SendPipelineBenchmark
{
    public static async Task<int> RunAsync(int messages, int concurrency)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nops-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"Send pipeline benchmark: {messages} messages, {concurrency} concurrent requests, {Environment.ProcessorCount} cores");

        var baseline = await RunBaselineAsync(Path.Combine(folder, "baseline.db"), messages, concurrency);
        Console.WriteLine($"baseline (bare endpoint, JSON parse + one raw INSERT): {baseline:0} requests/s");

        var (accept, endToEnd, peakMb, cpuPerThousand) = await RunAppAsync(Path.Combine(folder, "app.db"), messages, concurrency);
        Console.WriteLine($"NotificationOps accept:      {accept:0} requests/s ({accept / baseline:0.00} of baseline)");
        Console.WriteLine($"NotificationOps end-to-end:  {endToEnd:0} messages/s accepted → DELIVERED ({endToEnd / baseline:0.00} of baseline)");
        Console.WriteLine($"NotificationOps CPU:         {cpuPerThousand:0.00} s of app CPU per 1,000 messages (user + system; robust to a shared machine)");
        Console.WriteLine($"NotificationOps peak memory: {peakMb:0} MB (VmHWM)");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<double> RunBaselineAsync(string database, int messages, int concurrency)
    {
        using (var setup = new SqliteConnection($"Data Source={database}"))
        {
            setup.Open();
            using var command = setup.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Messages (Id TEXT PRIMARY KEY, Recipient TEXT, Body TEXT, Status INTEGER, EnqueuedAt INTEGER);";
            command.ExecuteNonQuery();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        var connectionString = $"Data Source={database};Pooling=True";
        app.MapPost("/api/send", async (HttpRequest request) =>
        {
            var node = await JsonNode.ParseAsync(request.Body);
            var id = Guid.CreateVersion7().ToString("N");
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
                await pragma.ExecuteNonQueryAsync();
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Messages (Id, Recipient, Body, Status, EnqueuedAt) VALUES ($id, $recipient, $body, 0, $at)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$recipient", node!["message"]!["to"]!["email"]!.GetValue<string>());
            insert.Parameters.AddWithValue("$body", node["message"]!.ToJsonString());
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
            await insert.ExecuteNonQueryAsync();
            return Results.Json(new { requestId = id }, statusCode: 202);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await SendLoad.LoadAsync(address, WarmupMessages(messages), concurrency); // the same warm-up as the app gets
        var elapsed = await SendLoad.LoadAsync(address, messages, concurrency);
        await app.StopAsync();
        return messages / elapsed.TotalSeconds;
    }

    private static async Task<(double Accept, double EndToEnd, double PeakMb, double CpuPerThousand)> RunAppAsync(string database, int messages, int concurrency)
    {
        await using var app = await DashboardProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Bootstrap__ApiKey"] = SendLoad.ApiKey,
            ["Providers__simulated-email__DeliveryDelayMs"] = "0",
        });

        // A freshly started .NET process runs unoptimised code while tiered compilation catches up; the warm-up
        // (delivered too) is reported on its own as the cold figure, and the measurement is of the warm process.
        var warmup = WarmupMessages(messages);
        var cold = Stopwatch.StartNew();
        var coldAccept = await SendLoad.LoadAsync(app.BaseAddress, warmup, concurrency);
        if (Environment.GetEnvironmentVariable("NOPS_BENCH_ACCEPT_ONLY") == "1")
        {
            var cpuBefore = CpuSeconds(app.ProcessId);
            var only = Stopwatch.StartNew();
            await SendLoad.LoadAsync(app.BaseAddress, messages, concurrency);
            var cpu = CpuSeconds(app.ProcessId) - cpuBefore;
            return (messages / only.Elapsed.TotalSeconds, double.NaN, PeakMemoryMb(app.ProcessId), cpu * 1000 / messages);
        }

        await SendLoad.WaitDeliveredAsync(database, warmup);
        Console.WriteLine($"  warm-up (cold process): {warmup} messages, accept {warmup / coldAccept.TotalSeconds:0} requests/s, end-to-end {warmup / cold.Elapsed.TotalSeconds:0} messages/s");
        var cpuStart = CpuSeconds(app.ProcessId);
        var stopwatch = Stopwatch.StartNew();
        var acceptElapsed = await SendLoad.LoadAsync(app.BaseAddress, messages, concurrency);
        Console.WriteLine($"  accepted {messages} in {acceptElapsed.TotalSeconds:0.00} s");
        await SendLoad.WaitDeliveredAsync(database, warmup + messages);
        var cpuSeconds = CpuSeconds(app.ProcessId) - cpuStart;
        return (messages / acceptElapsed.TotalSeconds, messages / stopwatch.Elapsed.TotalSeconds, PeakMemoryMb(app.ProcessId), cpuSeconds * 1000 / messages);
    }

    /// <summary>NOPS_BENCH_WARMUP messages (default 10,000) before the measured ones.</summary>
    private static int WarmupMessages(int messages) =>
        Environment.GetEnvironmentVariable("NOPS_BENCH_WARMUP") is { } configured ? int.Parse(configured, CultureInfo.InvariantCulture) : Math.Max(10_000, messages / 2);

    /// <summary>User + system CPU seconds of a process so far (/proc/pid/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double PeakMemoryMb(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return status is null ? double.NaN : double.Parse(status.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

}
