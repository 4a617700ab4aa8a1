using System.Net;
using System.Text;
using System.Text.Json;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Automations;

/// <summary>
/// The promise of durable delays: the real app is SIGKILLed while a run waits on its delay; after a restart on the
/// same database (Hangfire's in-memory storage lost the scheduled continuation) the send happens, once.
/// </summary>
[Collection(RealAppCollection.Name)]
public sealed class AutomationCrashTests
{
    [Fact]
    public async Task KilledDuringDelay_RestartOnSameDatabase_SendsOnce()
    {
        await using var sink = SmtpSink.Start();
        var database = Path.Combine(Path.GetTempPath(), "nops-tests", $"automation-crash-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string>
        {
            ["Providers__simulated-email__Enabled"] = "false",
            ["Providers__smtp__Type"] = "smtp",
            ["Providers__smtp__Channel"] = "email",
            ["Providers__smtp__Priority"] = "1",
            ["Providers__smtp__Host"] = "127.0.0.1",
            ["Providers__smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Providers__smtp__Security"] = "None",
            ["Providers__smtp__From"] = "NotificationOps <noreply@example.com>",
        };

        string runId;
        DateTimeOffset dueAt;
        await using (var first = await AppProcess.StartAsync(database, environment))
        {
            using var client = first.CreateApiClient();
            await PostAsync(client, "/api/templates", """{"alias": "crash-welcome", "name": "Welcome", "content": {"email": {"subject": "Hi", "html": "<p>Hello</p>"}}}""");
            await PostAsync(client, "/api/templates/crash-welcome/publish", "{}");
            var invoked = await PostAsync(client, "/api/automations/invoke", """
                {"automation": {"steps": [{"action": "delay", "duration": "8 seconds"}, {"action": "send", "template": "crash-welcome"}]},
                 "recipient": "crash-user", "profile": {"email": "crash@example.com"}}
                """);
            runId = JsonDocument.Parse(invoked).RootElement.GetProperty("runId").GetString()!;
            await Eventually.HoldsAsync(async () => (await RunAsync(client, runId)).GetProperty("status").GetString() == "WAITING", "the run waits on its delay");
            dueAt = (await RunAsync(client, runId)).GetProperty("steps")[0].GetProperty("due_at").GetDateTimeOffset();
            first.Kill();
        }

        Assert.True(DateTimeOffset.UtcNow < dueAt, "The delay had ended before the kill; the test proves nothing.");
        Assert.Empty(sink.Messages);

        await using (var second = await AppProcess.StartAsync(database, environment))
        {
            using var client = second.CreateApiClient();
            await Eventually.HoldsAsync(async () => (await RunAsync(client, runId)).GetProperty("status").GetString() == "COMPLETED", "the run completes after the restart", TimeSpan.FromSeconds(60));
            await Eventually.HoldsAsync(() => sink.Messages.Count >= 1, "the send reached the sink", TimeSpan.FromSeconds(30));
        }

        var delivered = Assert.Single(sink.Messages);
        Assert.Equal(AutomationIds.ForStep(runId, 1), delivered.Parse().Headers["X-NotificationOps-Message-Id"]);
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string body)
    {
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private static async Task<JsonElement> RunAsync(HttpClient client, string runId)
    {
        var response = await client.GetAsync($"/api/automations/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
