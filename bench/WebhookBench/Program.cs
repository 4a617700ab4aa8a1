using NotificationOps.Bench;

// Outbound webhooks: status changes of messages sent through POST /api/send (simulated provider, zero delay: three
// changes per message, ENQUEUED, SENT, DELIVERED) delivered to one loopback receiver answering 200. Reports
// deliveries/s, the lag from each status change to its receipt (p50/p95), and the send pipeline's end-to-end rate
// with the endpoint configured against the same run without it: two apps side by side, loaded in alternating rounds.
// Usage: dotnet run -c Release --project bench/WebhookBench -- [statusChanges] [concurrency] [rounds]
var changes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5000;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2;
return await WebhookBenchmark.RunAsync(changes, concurrency, rounds);
