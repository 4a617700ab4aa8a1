using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>The real, built dashboard as a child process on a random loopback port, as a user would run it.</summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, string databasePath)
    {
        this.process = process;
        DatabasePath = databasePath;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DatabasePath { get; }

    /// <summary>Everything the app printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<AppProcess> StartAsync(string? databasePath = null, IDictionary<string, string>? environment = null)
    {
        databasePath ??= Path.Combine(Path.GetTempPath(), "nops-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var dll = DashboardDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Notifications"] = $"Data Source={databasePath}";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Bootstrap__AdminEmail"] = DashboardFactory.AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = DashboardFactory.AdminPassword;
        start.Environment["Bootstrap__ApiKey"] = DashboardFactory.ApiKey;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var app = new AppProcess(Process.Start(start)!, databasePath);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data, listening);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data, listening);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();

        var exited = app.process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != listening.Task)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The dashboard did not start listening:\n{app.Output}");
        }

        app.BaseAddress = await listening.Task;
        return app;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A client that authenticates with the bootstrap API key the app was started with.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);
        return client;
    }

    /// <summary>SIGKILL: no graceful shutdown, as in a crash.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static string DashboardDll()
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryRoot.Path, "Dashboard", "bin", configuration, "net10.0", "NotificationOps.Dashboard.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the dashboard first: {dll} is missing.");
    }

    private void Append(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
