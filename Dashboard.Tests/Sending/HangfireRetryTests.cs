using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Sending;

/// <summary>A transient failure is a Hangfire retry on our schedule: listed with Hangfire's retries, and its Requeue works.</summary>
public sealed class HangfireRetryTests
{
    [Fact]
    public async Task TransientFailure_IsListedAsHangfireRetry_AndRequeueSendsIt()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(503, "{\"error\":\"maintenance\"}", new Dictionary<string, string> { ["Retry-After"] = "3600" });
        await using var factory = new DashboardFactory();
        factory.Settings["Providers:hook:Type"] = "webhook";
        factory.Settings["Providers:hook:Channel"] = "email";
        factory.Settings["Providers:hook:Url"] = new Uri(fake.BaseAddress, "/deliver").ToString();
        var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);

        var send = await client.PostAsync("/api/send", new StringContent(
            """{"message":{"to":{"email":"ada@example.com"},"content":{"body":"hi"}}}""", Encoding.UTF8, "application/json"));
        var id = (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString()!;

        // Hangfire lists the job among its retries, scheduled at our time (Retry-After: one hour).
        var storage = factory.Services.GetRequiredService<JobStorage>();
        string? jobId = null;
        await Eventually.HoldsAsync(() =>
        {
            using var connection = storage.GetConnection();
            jobId = connection.GetAllItemsFromSet("retries").FirstOrDefault();
            return jobId is not null;
        }, "the send job to be listed with Hangfire's retries", TimeSpan.FromSeconds(30));
        using (var connection = storage.GetConnection())
        {
            var state = connection.GetStateData(jobId!);
            Assert.Equal(ScheduledState.StateName, state.Name);
            Assert.StartsWith("Retry attempt 1", state.Reason);
        }

        var waiting = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}");
        Assert.Equal("ENQUEUED", waiting.GetProperty("status").GetString());
        Assert.True(waiting.GetProperty("next_attempt").GetInt64() >= DateTimeOffset.UtcNow.AddMinutes(59).ToUnixTimeMilliseconds());

        // The provider is back; an operator presses Requeue on Hangfire's Retries page.
        fake.Default = new FakeResponse(200, "{\"ok\":true}");
        Assert.True(factory.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId!));

        await Eventually.HoldsAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}")).GetProperty("status").GetString() == "DELIVERED",
            "the requeued job to deliver the message", TimeSpan.FromSeconds(30));
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}/history");
        Assert.Contains(history.GetProperty("results").EnumerateArray(), e => e.GetProperty("type").GetString() == "RETRY_SCHEDULED");
        Assert.Equal(2, fake.Requests.Count);
    }
}
