using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.SqliteJobs;

/// <summary>The whole app on <c>Jobs:Storage=sqlite</c> (SQLite only: a SQLite job file needs a SQLite database).</summary>
public sealed class SqliteJobStorageAppTests
{
    [Fact]
    public async Task Send_IsDelivered_ThroughJobsKeptInAFileBesideTheDatabase()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, "{\"ok\":true}");
        string jobFile;
        await using (var factory = new DashboardFactory())
        {
            factory.Settings["Jobs:Storage"] = "sqlite";
            factory.Settings["Providers:hook:Type"] = "webhook";
            factory.Settings["Providers:hook:Channel"] = "email";
            factory.Settings["Providers:hook:Url"] = new Uri(fake.BaseAddress, "/deliver").ToString();
            var client = factory.CreateRawClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);

            var send = await client.PostAsync("/api/send", new StringContent(
                """{"message":{"to":{"email":"ada@example.com"},"content":{"body":"hi"}}}""", Encoding.UTF8, "application/json"));
            var id = (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString()!;

            await Eventually.HoldsAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}")).GetProperty("status").GetString() == "DELIVERED",
                "the message delivered by a job from the SQLite job file", TimeSpan.FromSeconds(60));
            jobFile = factory.Services.GetRequiredService<SqliteJobStorage>().Path;
            Assert.IsType<SQLiteStorage>(factory.Services.GetRequiredService<Hangfire.JobStorage>());
            Assert.EndsWith(".jobs.db", jobFile);
            Assert.True(File.Exists(jobFile));
            Assert.Single(fake.Requests);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(jobFile + suffix);
        }
    }
}
