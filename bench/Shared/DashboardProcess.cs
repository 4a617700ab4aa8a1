using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NotificationOps.Bench;

/// <summary>The built dashboard (Release) as a child process on a random loopback port, for the benchmarks.</summary>
public sealed partial class DashboardProcess : IAsyncDisposable
{
    private readonly Process process;
    private bool disposed;

    private DashboardProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>User + system CPU seconds of the app so far (/proc/pid/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public double CpuSeconds => CpuSecondsOf(process.Id);

    /// <summary>User + system CPU seconds of a process so far (/proc/pid/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public static double CpuSecondsOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    public static async Task<DashboardProcess> StartAsync(string database, IDictionary<string, string> environment)
    {
        var dll = Path.Combine(RepositoryRoot(), "Dashboard", "bin", "Release", "net10.0", "NotificationOps.Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the dashboard in Release first: {dll}");
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Notifications"] = $"Data Source={database}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Extra settings for experiments, e.g. NOPS_BENCH_ENV="Jobs__WorkerCount=4;Delivery__LeaseSeconds=10".
        foreach (var pair in (Environment.GetEnvironmentVariable("NOPS_BENCH_ENV") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            start.Environment[parts[0]] = parts[1];
        }

        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new DashboardProcess(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(600)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return; // killed already (the crash pass kills, then its finally disposes again)
        }

        disposed = true;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NotificationOps.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
