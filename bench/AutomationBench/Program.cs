using NotificationOps.Bench;

// Automations: N runs of [delay 5 s, send] invoked at once against the real app (simulated provider): the invoke
// accept rate, the lateness of each send step after its delay's due time (p50/p95/p99), and the same after a
// kill -9 as the delays fall due and a restart (how late the last ran; every run completed, none sent twice).
// Usage: dotnet run -c Release --project bench/AutomationBench -- [runs] [concurrency]
// Other job storage (once the branch has it): NOPS_BENCH_ENV="Jobs__Storage=sqlite".
var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
return await AutomationBenchmark.RunAsync(runs, concurrency);
