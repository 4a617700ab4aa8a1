using NotificationOps.Bench;

// Send-pipeline throughput: N messages through POST /api/send of the real app (simulated provider, zero delay),
// from accept to DELIVERED (after a warm-up, reported as the cold figure), against a bare endpoint that parses
// the same JSON and inserts one row with raw ADO.NET. Usage: dotnet run -c Release --project bench/SendPipelineBench -- [messages] [concurrency]
var messages = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20000;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
return await SendPipelineBenchmark.RunAsync(messages, concurrency);
