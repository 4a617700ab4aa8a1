using System.Globalization;
using NotificationOps.Bench;

// Issue 14's two benchmarks against the real app (Release build, SQLite, simulated provider with no delay):
//   fanout [subscribers=100000]            one send to a list → expansion and end-to-end rates, against one raw INSERT … SELECT of the same rows
//   audience [profiles=1000000] [changes=1000]   calculation of a two-filter + nested-group audience, then single profile changes' p95
// Usage: dotnet run -c Release --project bench/RecipientsBench -- fanout 100000
var mode = args.Length > 0 ? args[0] : "fanout";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
return mode switch
{
    "fanout" => await FanOutBenchmark.RunAsync(Arg(1, 100_000)),
    "audience" => await AudienceBenchmark.RunAsync(Arg(1, 1_000_000), Arg(2, 1_000)),
    _ => throw new ArgumentException($"Unknown mode '{mode}': fanout or audience."),
};
