using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Automations;

/// <summary>A run whose step spent its budget is a failed Hangfire job: listed on the Failed page, and its Requeue retries the run.</summary>
public sealed class AutomationHangfireTests
{
    [Fact]
    public async Task FailedRun_IsHangfireFailedJob_AndRequeueRetriesTheRun()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(500, "{\"error\":\"down\"}");
        await using var factory = new DashboardFactory();
        factory.Settings["Automations:AllowPrivateAddresses"] = "true";
        factory.Settings["Automations:StepMaxAttempts"] = "1";
        var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);
        var body = """{"automation": {"steps": [{"action": "fetch-data", "webhook": {"method": "GET", "url": "URL"}}]}}""".Replace("URL", new Uri(fake.BaseAddress, "/data").ToString());

        var invoked = await client.PostAsync("/api/automations/invoke", new StringContent(body, Encoding.UTF8, "application/json"));
        var runId = (await invoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;

        var storage = factory.Services.GetRequiredService<JobStorage>();
        string? jobId = null;
        await Eventually.HoldsAsync(() =>
        {
            jobId = storage.GetMonitoringApi().FailedJobs(0, 50)
                .FirstOrDefault(j => j.Value.Job?.Type == typeof(AutomationJob) && (string?)j.Value.Job.Args[0] == runId).Key;
            return jobId is not null;
        }, "the run's job to be on Hangfire's Failed page", TimeSpan.FromSeconds(30));
        var failed = await client.GetFromJsonAsync<JsonElement>($"/api/automations/runs/{runId}");
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.Contains("500", failed.GetProperty("steps")[0].GetProperty("error").GetString());

        // The endpoint is back; an operator presses Requeue on Hangfire's Failed page.
        fake.Default = new FakeResponse(200, "{\"plan\":\"pro\"}");
        Assert.True(factory.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId!));

        await Eventually.HoldsAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/automations/runs/{runId}")).GetProperty("status").GetString() == "COMPLETED",
            "the requeued job to retry and complete the run", TimeSpan.FromSeconds(30));
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/automations/runs/{runId}");
        Assert.Equal(2, done.GetProperty("steps")[0].GetProperty("attempts").GetInt32());
    }
}
