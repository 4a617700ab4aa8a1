using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace NotificationOps.Bench;

public static class WebhookBenchmark
{
    private const int ChangesPerMessage = 3; // ENQUEUED, SENT, DELIVERED with the zero-delay simulated provider

    public static async Task<int> RunAsync(int changes, int concurrency)
    {
        var messages = Math.Max(1, changes / ChangesPerMessage);
        var warmup = Math.Max(500, messages / 2);
        var folder = Path.Combine(Path.GetTempPath(), "nops-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"Webhook benchmark: {messages * ChangesPerMessage} status changes ({messages} messages), {concurrency} concurrent requests, {Environment.ProcessorCount} cores");

        var without = await RunAsync(Path.Combine(folder, "without.db"), messages, warmup, concurrency, receiver: null);
        Console.WriteLine($"send pipeline without endpoint: {without:0} messages/s accepted → DELIVERED (baseline)");

        await using var receiver = await LoopbackReceiver.StartAsync();
        var with = await RunAsync(Path.Combine(folder, "with.db"), messages, warmup, concurrency, receiver);
        Console.WriteLine($"send pipeline with endpoint:    {with:0} messages/s ({with / without:0.00} of baseline; target ≥ 0.80)");

        var receipts = receiver.Receipts.OrderBy(r => r.At).ToList();
        var lags = receipts.Select(r => r.LagMs).Order().ToList();
        var span = (receipts[^1].At - receipts[0].At).TotalSeconds;
        Console.WriteLine($"webhook deliveries: {receipts.Count} in {span:0.00} s = {receipts.Count / span:0} deliveries/s");
        Console.WriteLine($"lag status change → receipt: p50 {Percentile(lags, 0.50):0} ms, p95 {Percentile(lags, 0.95):0} ms, max {lags[^1]:0} ms (target p95 ≤ 2000 ms)");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>Warm-up (and, with an endpoint, its deliveries), then the measured sends; answers messages/s accepted → DELIVERED.</summary>
    private static async Task<double> RunAsync(string database, int messages, int warmup, int concurrency, LoopbackReceiver? receiver)
    {
        await using var app = await DashboardProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Bootstrap__ApiKey"] = SendLoad.ApiKey,
            ["Providers__simulated-email__DeliveryDelayMs"] = "0",
            ["Webhooks__AllowPrivateAddresses"] = "true",
        });
        if (receiver is not null)
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SendLoad.ApiKey);
            var created = await client.PostAsync("/api/webhooks", new StringContent($"{{\"url\":\"{receiver.Address}\"}}", Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
        }

        await SendLoad.LoadAsync(app.BaseAddress, warmup, concurrency);
        await SendLoad.WaitDeliveredAsync(database, warmup);
        if (receiver is not null)
        {
            await WaitReceivedAsync(receiver, warmup * ChangesPerMessage);
            receiver.Clear();
        }

        var stopwatch = Stopwatch.StartNew();
        await SendLoad.LoadAsync(app.BaseAddress, messages, concurrency, offset: warmup);
        await SendLoad.WaitDeliveredAsync(database, warmup + messages);
        var rate = messages / stopwatch.Elapsed.TotalSeconds;
        if (receiver is not null)
        {
            await WaitReceivedAsync(receiver, messages * ChangesPerMessage);
        }

        return rate;
    }

    private static async Task WaitReceivedAsync(LoopbackReceiver receiver, int expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (receiver.Count < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {receiver.Count} of {expected} webhook events arrived within 10 minutes.");
            }

            await Task.Delay(20);
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
