using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>
/// Issue 13, defect 4: with the database write-locked by another process, a send answers 503 JSON with Retry-After
/// within Delivery:IntakeTimeoutSeconds and stores nothing, /health reports the database Unhealthy, and both
/// recover by themselves once the lock is gone.
/// </summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    private const int IntakeTimeoutSeconds = 2;
    private readonly ApiDashboardFactory factory = new();

    public Task InitializeAsync()
    {
        factory.Settings["Delivery:IntakeTimeoutSeconds"] = IntakeTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Send_Answers503WithRetryAfterAndHealthIsUnhealthy_WhileDatabaseIsWriteLocked_ThenBothRecover()
    {
        var client = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/send", Body("before@example.com"))).StatusCode);
        var before = await factory.CountRowsAsync();

        await using (var otherProcess = await LockDatabaseAsync())
        {
            var watch = Stopwatch.StartNew();
            var refused = await client.PostAsync("/api/send", Body("during@example.com"));
            watch.Stop();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Equal("storage_unavailable", (await ApiJson.ReadAsync(refused)).GetProperty("type").GetString());
            // Within the intake timeout (plus slack for a loaded machine), not SQLite's 30 s busy wait.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(IntakeTimeoutSeconds + 8), $"answered after {watch.Elapsed}");

            var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", (await ApiJson.ReadAsync(health)).GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }

        Assert.Equal(before, await factory.CountRowsAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/send", Body("after@example.com"))).StatusCode);
        var recovered = await ApiJson.ReadAsync(await client.GetAsync("/health"));
        Assert.Equal("Healthy", recovered.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    /// <summary>Another connection, outside the app's pool, holding the write lock until disposed (then rolled back).</summary>
    private async Task<SqliteConnection> LockDatabaseAsync()
    {
        var connectionString = factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("Notifications");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static StringContent Body(string email) =>
        ApiJson.Content("""{"message": {"to": {"email": "%E"}, "content": {"title": "Hi", "body": "Hello"}}}""".Replace("%E", email, StringComparison.Ordinal));
}
