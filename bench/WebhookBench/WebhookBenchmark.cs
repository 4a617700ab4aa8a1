using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace NotificationOps.Bench;

/// <summary>
/// Two apps side by side, one without and one with an endpoint, loaded in alternating rounds (A B B A …): on a
/// machine shared with other work the load drifts by the minute, and rounds close together see the same drift,
/// where two whole runs one after the other do not.
/// </summary>
public static class WebhookBenchmark
{
    private const int ChangesPerMessage = 3; // ENQUEUED, SENT, DELIVERED with the zero-delay simulated provider

    public static async Task<int> RunAsync(int changes, int concurrency, int rounds)
    {
        var messages = Math.Max(rounds, changes / ChangesPerMessage);
        var perRound = messages / rounds;
        var warmup = Math.Max(500, perRound / 2);
        var folder = Path.Combine(Path.GetTempPath(), "nops-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"Webhook benchmark: {perRound * rounds * ChangesPerMessage} status changes ({perRound * rounds} messages) in {rounds} rounds per app, "
            + $"{concurrency} concurrent requests, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        await using var receiver = await LoopbackReceiver.StartAsync();
        var sides = new List<Side>();
        try
        {
            sides.Add(await Side.StartAsync(Path.Combine(folder, "without.db"), receiver: null));
            sides.Add(await Side.StartAsync(Path.Combine(folder, "with.db"), receiver));
            var (without, with) = (sides[0], sides[1]);
            // Warm-up: two unmeasured rounds each, alternating, then until both apps are quiet. The JIT's second tier
            // compiles hot methods in the background for seconds after they first run; measured while it still does,
            // the side with more code (the deliveries) paid for its compilation in its first rounds.
            for (var i = 0; i < 2; i++)
            {
                await without.WarmUpAsync(warmup, concurrency);
                await with.WarmUpAsync(warmup, concurrency);
            }

            await Task.WhenAll(without.WaitQuietAsync(), with.WaitQuietAsync());
            receiver.Clear();

            for (var round = 0; round < rounds; round++)
            {
                // A B, then B A: a drift in the machine's load weighs on both sides alike.
                var order = round % 2 == 0 ? new[] { without, with } : [with, without];
                foreach (var side in order)
                {
                    await side.RoundAsync(perRound, concurrency);
                }

                Console.WriteLine($"round {round + 1}: without {without.Rates[^1]:0} messages/s, with {with.Rates[^1]:0} messages/s "
                    + $"({with.Rates[^1] / without.Rates[^1]:0.00}); load average {LoadAverage()}");
            }

            var baseline = without.Rate;
            var configured = with.Rate;
            Console.WriteLine($"send pipeline without endpoint: {baseline:0} messages/s accepted → DELIVERED (baseline)");
            Console.WriteLine($"send pipeline with endpoint:    {configured:0} messages/s ({configured / baseline:0.00} of baseline; target ≥ 0.80)");

            Console.WriteLine($"CPU per 1,000 messages: app without {without.AppCpuPerThousand:0.00} s, with {with.AppCpuPerThousand:0.00} s (until every event arrived); "
                + $"bench process (load, and the receiver on the with side): {without.BenchCpuPerThousand:0.00} s without, {with.BenchCpuPerThousand:0.00} s with");
            var receipts = receiver.Receipts.OrderBy(r => r.At).ToList();
            var lags = receipts.Select(r => r.LagMs).Order().ToList();
            var busy = with.DeliverySeconds;
            Console.WriteLine($"webhook deliveries: {receipts.Count} in {busy:0.00} s of rounds (first send to last receipt) = {receipts.Count / busy:0} deliveries/s");
            Console.WriteLine($"lag status change → receipt: p50 {Percentile(lags, 0.50):0} ms, p95 {Percentile(lags, 0.95):0} ms, p99 {Percentile(lags, 0.99):0} ms, "
                + $"max {lags[^1]:0} ms (target p95 ≤ 2000 ms); sends retried after a 503: {SendLoad.Retried}");
        }
        finally
        {
            foreach (var side in sides)
            {
                await side.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>One app and its database; with a receiver, its endpoint points there and each round waits for every event.</summary>
    private sealed class Side : IAsyncDisposable
    {
        private readonly DashboardProcess app;
        private readonly string database;
        private readonly LoopbackReceiver? receiver;
        private int sent;
        private double seconds;
        private int measured;
        private double appCpu;
        private double benchCpu;

        private Side(DashboardProcess app, string database, LoopbackReceiver? receiver)
        {
            this.app = app;
            this.database = database;
            this.receiver = receiver;
        }

        public List<double> Rates { get; } = [];

        /// <summary>Measured messages per second, accepted → DELIVERED, over every round.</summary>
        public double Rate => measured / seconds;

        /// <summary>The app's CPU seconds per 1,000 measured messages, over its rounds (with a receiver, until every event arrived).</summary>
        public double AppCpuPerThousand => appCpu / measured * 1000;

        /// <summary>This process's CPU seconds (the load and, with a receiver, the receiver) per 1,000 measured messages.</summary>
        public double BenchCpuPerThousand => benchCpu / measured * 1000;

        /// <summary>Per round, from the first send to the last event received (with a receiver), summed.</summary>
        public double DeliverySeconds { get; private set; }

        public static async Task<Side> StartAsync(string database, LoopbackReceiver? receiver)
        {
            var app = await DashboardProcess.StartAsync(database, new Dictionary<string, string>
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

            return new Side(app, database, receiver);
        }

        public async Task WarmUpAsync(int messages, int concurrency)
        {
            await SendLoad.LoadAsync(app.BaseAddress, messages, concurrency, offset: sent);
            sent += messages;
            await SendLoad.WaitDeliveredAsync(database, sent);
            if (receiver is not null)
            {
                await WaitReceivedAsync(receiver, sent * ChangesPerMessage);
            }
        }

        /// <summary>Until the app spends less than 5 % of a core for half a second (background compilation and drains done), at most 30 s.</summary>
        public async Task WaitQuietAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            var before = app.CpuSeconds;
            while (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                var now = app.CpuSeconds;
                if (now - before < 0.025)
                {
                    return;
                }

                before = now;
            }
        }

        public async Task RoundAsync(int messages, int concurrency)
        {
            var before = receiver?.Count ?? 0;
            var (appBefore, benchBefore) = (app.CpuSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
            var stopwatch = Stopwatch.StartNew();
            await SendLoad.LoadAsync(app.BaseAddress, messages, concurrency, offset: sent);
            sent += messages;
            await SendLoad.WaitDeliveredAsync(database, sent);
            var elapsed = stopwatch.Elapsed.TotalSeconds;
            Rates.Add(messages / elapsed);
            seconds += elapsed;
            measured += messages;
            if (receiver is not null)
            {
                // Drained before the other side's round, so its backlog does not weigh on that round.
                await WaitReceivedAsync(receiver, before + (messages * ChangesPerMessage));
                DeliverySeconds += stopwatch.Elapsed.TotalSeconds;
            }

            appCpu += app.CpuSeconds - appBefore;
            benchCpu += Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchBefore;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();

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
    }
}
