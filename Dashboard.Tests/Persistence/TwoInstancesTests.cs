using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace NotificationOps.Dashboard.Tests.Persistence;

/// <summary>
/// Issue 19's "done when": two real app processes on one PostgreSQL database (and its Hangfire job storage), started
/// together; sends go through both; one is SIGKILLed mid-burst and the other finishes every accepted message, with
/// no more messages sent twice than there was work in flight at the kill.
/// </summary>
[Collection(RealAppCollection.Name)]
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    private const int RequestCount = 200;
    private const int Concurrency = 8;

    [Fact]
    public async Task TwoInstances_OneKilledMidBurst_TheOtherDeliversEveryAcceptedMessage()
    {
        // The first instance to start creates it, as it would a user's.
        var database = TestPostgres.WithDatabase($"nops_two_{Guid.NewGuid():N}");
        await using var drop = new AsyncDisposable(() => TestPostgres.DropDatabaseAsync(database));
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgresql",
            ["ConnectionStrings__Notifications"] = database,
            // A killed instance's leases free its messages in seconds rather than the default 30.
            ["Delivery__LeaseSeconds"] = "3",
        };

        // Started together: the database is created, migrated and given its Hangfire schema, admin, API key and first
        // data-protection key once, under the start-up lock.
        var starting = new[] { AppProcess.StartAsync(environment: environment), AppProcess.StartAsync(environment: environment) };
        await using var first = await starting[0];
        await using var second = await starting[1];
        Assert.Equal(1, await CountAsync(database, "SELECT COUNT(*) FROM \"AspNetUsers\""));
        Assert.Equal(1, await CountAsync(database, "SELECT COUNT(*) FROM \"ApiKeys\""));
        Assert.Equal(1, await CountAsync(database, "SELECT COUNT(*) FROM \"DataProtectionKeys\""));
        await Eventually.HoldsAsync(async () => await CountAsync(database, "SELECT COUNT(*) FROM hangfire.server") == 2,
            "both instances' job servers listed in the shared job storage");

        using var firstClient = first.CreateApiClient();
        using var secondClient = second.CreateApiClient();
        var accepted = new ConcurrentBag<string>();
        var started = 0;
        using var stop = new CancellationTokenSource();
        // Even requests go to the first instance, odd ones to the second; the first dies a third of the way in.
        var burst = Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            await Task.Yield();
            int index;
            while ((index = Interlocked.Increment(ref started) - 1) < RequestCount)
            {
                var client = index % 2 == 0 ? firstClient : secondClient;
                if (index % 2 == 0 && stop.IsCancellationRequested)
                {
                    continue; // the first instance is gone
                }

                try
                {
                    if (await SendAsync(client, index) is { } id)
                    {
                        accepted.Add(id);
                    }
                }
                catch (Exception ex) when (index % 2 == 0 && ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Cut off by the kill: this request has no answer.
                }
            }
        }));
        await Eventually.HoldsAsync(() => accepted.Count >= RequestCount / 3 || burst.IsCompleted, "a third of the burst accepted");
        stop.Cancel();
        first.Kill();
        // Counted once the first instance is dead, not before: it kept starting attempts until the kill, and those
        // are what it leaves in flight. What the survivor holds at this moment is counted too (a looser bound).
        var inFlightAtKill = await CountAsync(database, "SELECT COUNT(*) FROM \"DeliveryAttempts\" WHERE \"Outcome\" = 0")
            + await CountAsync(database, "SELECT COUNT(*) FROM \"Messages\" WHERE \"LeaseUntil\" IS NOT NULL");
        await burst;

        var pending = accepted.ToHashSet();
        Assert.True(pending.Count >= RequestCount / 2, $"Only {pending.Count} of {RequestCount} sends were accepted.");
        await Eventually.HoldsAsync(async () => await RemoveDeliveredAsync(secondClient, pending) == 0,
            $"every accepted message DELIVERED by the surviving instance ({pending.Count} not yet: {string.Join(", ", pending.Take(5))})",
            TimeSpan.FromSeconds(120));

        var resent = await CountAsync(database, "SELECT COUNT(DISTINCT \"MessageId\") FROM \"MessageEvents\" WHERE \"Type\" = 'RESENT_AFTER_CRASH'");
        var sentTwice = await CountAsync(database, 
            "SELECT COUNT(*) FROM (SELECT \"MessageId\" FROM \"DeliveryAttempts\" GROUP BY \"MessageId\" HAVING COUNT(*) > 1) AS d");
        output.WriteLine($"accepted: {accepted.Count}, in flight at the kill (attempts + leases): {inFlightAtKill}, resent after the kill: {resent}, sent more than once: {sentTwice}");
        Assert.InRange(sentTwice, 0, inFlightAtKill);
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string?> SendAsync(HttpClient client, int index)
    {
        var body = $"{{\"message\":{{\"to\":{{\"email\":\"two{index}@example.com\"}},\"content\":{{\"title\":\"Two {index}\",\"body\":\"Hello\"}},\"routing\":{{\"method\":\"single\",\"channels\":[\"email\"]}}}}}}";
        using var response = await client.PostAsync("/api/send", new StringContent(body, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("requestId").GetString();
    }

    private static async Task<int> RemoveDeliveredAsync(HttpClient client, HashSet<string> pending)
    {
        foreach (var id in pending.ToList())
        {
            var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}");
            if (message.GetProperty("status").GetString() == "DELIVERED")
            {
                pending.Remove(id);
            }
        }

        return pending.Count;
    }

    private sealed class AsyncDisposable(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose();
    }
}
