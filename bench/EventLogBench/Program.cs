using NotificationOps.Bench;

// Event-log query benchmark. Seeds N messages with histories (raw batched inserts) into a SQLite file, then
// times the event-log page query through the Engine (MessageQueries) against the same SQL run raw.
// Usage: dotnet run -c Release --project bench/EventLogBench -- [messages=1000000] [database path]
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "nops-bench", $"eventlog-{count}.db");
return await EventLogBenchmark.RunAsync(count, path);
