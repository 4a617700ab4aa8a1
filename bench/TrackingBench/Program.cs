using NotificationOps.Bench;

// Tracking hits per second: open-pixel hits recorded durably (group commit, acknowledged after the commit) by the
// real app, against a bare endpoint on the same server that answers the same GIF and records nothing.
// Usage: dotnet run -c Release --project bench/TrackingBench -- [hits] [concurrency]
var hits = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 64;
return await TrackingBenchmark.RunAsync(hits, concurrency);
