using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// The real app in-process on a temporary SQLite file, with a bootstrap admin and API key. When the run targets
/// PostgreSQL (<c>NOPS_TEST_PROVIDER=postgresql</c> and the cluster in <c>NOPS_TEST_POSTGRES</c>, as ./test.sh's second
/// pass sets them) it runs on a new PostgreSQL database instead, which the app creates at start as a user's would be,
/// with Hangfire's PostgreSQL job storage in it.
/// </summary>
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
        if (TestPostgres.IsSelected)
        {
            builder.UseSetting("Database:Provider", "postgresql");
            builder.UseSetting("ConnectionStrings:Notifications", PostgresDatabase);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Notifications", $"Data Source={databasePath}");
        }

        builder.UseSetting("Jobs:WorkerCount", "2");
        // As in EngineHost: a slow shared test machine is not a stuck database (StorageFaultTests sets its own bound).
        builder.UseSetting("Delivery:IntakeTimeoutSeconds", "60");
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
        if (TestPostgres.IsSelected)
        {
            await TestPostgres.DropDatabaseAsync(PostgresDatabase);
            GC.SuppressFinalize(this);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>This factory's database on the cluster, named after the SQLite file it replaces.</summary>
    private string PostgresDatabase => TestPostgres.WithDatabase("nops_app_" + Path.GetFileNameWithoutExtension(databasePath));
}
