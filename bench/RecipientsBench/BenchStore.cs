using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace NotificationOps.Bench;

/// <summary>What both benchmarks share: the app's API client, raw SQL on its SQLite file, and bulk profile seeding.</summary>
public static class BenchStore
{
    public static HttpClient Client(DashboardProcess app)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SendLoad.ApiKey);
        return client;
    }

    public static async Task<string> SendAsync(HttpClient client, HttpMethod method, string path, string? json)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            // A progress poll may meet the store busy (503 storage_unavailable, "retry"): as the API asks, retry a read.
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && method == HttpMethod.Get && attempt < 30)
            {
                Console.WriteLine($"    {method} {path}: 503, retrying in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2));
                continue;
            }

            return Checked(method, path, response, text);
        }
    }

    private static string Checked(HttpMethod method, string path, HttpResponseMessage response, string text)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return text;
    }

    public static async Task<long> ScalarAsync(string database, string sql)
    {
        // The busy timeout through the connection string: a PRAGMA in front would be the scalar read (its own row, 30000).
        await using var connection = new SqliteConnection($"Data Source={database};Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = "PRAGMA busy_timeout=30000; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// <paramref name="count"/> profiles u0000000… in one INSERT … SELECT, their data built by <paramref name="dataJson"/>
    /// (SQL over n). One profile is written through the API first so the seeded rows copy its timestamps' stored form.
    /// </summary>
    public static async Task SeedProfilesAsync(HttpClient client, string database, int count, string dataJson)
    {
        await SendAsync(client, HttpMethod.Put, "/api/profiles/seed-model", """{"profile": {"email": "model@example.com"}}""");
        await ExecuteAsync(database, $"""
            WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {count - 1})
            INSERT INTO "Profiles" ("UserId", "Email", "PhoneNumber", "DataJson", "CreatedAt", "UpdatedAt")
            SELECT printf('u%07d', n), printf('u%07d@example.com', n), NULL, {dataJson}, m."CreatedAt", m."UpdatedAt"
            FROM seq, (SELECT "CreatedAt", "UpdatedAt" FROM "Profiles" WHERE "UserId" = 'seed-model') m;
            DELETE FROM "Profiles" WHERE "UserId" = 'seed-model';
            """);
    }

    /// <summary>The database file and SQLite's WAL and shared-memory files beside it.</summary>
    public static void Delete(string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }

    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not done within {within.TotalMinutes:0} min (last: {value}).");
            }

            await Task.Delay(50);
        }
    }
}
