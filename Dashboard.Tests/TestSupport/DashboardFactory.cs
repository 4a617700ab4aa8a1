using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>The real app in-process on a temporary SQLite file, with a bootstrap admin and API key.</summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-Passw0rd";
    public const string ApiKey = "nops_test_bootstrap_key_0123456789";

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "nops-tests", $"{Guid.NewGuid():N}.db");

    /// <summary>More configuration for this app (set before the first request), e.g. providers pointing at fakes.</summary>
    public Dictionary<string, string> Settings { get; } = new();

    /// <summary>When false the app starts empty, as on a fresh machine.</summary>
    protected virtual bool Bootstrap => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Notifications", $"Data Source={databasePath}");
        builder.UseSetting("Jobs:WorkerCount", "2");
        if (Bootstrap)
        {
            builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Bootstrap:ApiKey", ApiKey);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateRawClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }

        GC.SuppressFinalize(this);
    }
}
