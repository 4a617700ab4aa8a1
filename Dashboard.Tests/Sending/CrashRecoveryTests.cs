using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Sending;

/// <summary>
/// The promise: killed mid-send, nothing is lost, and a restart resends at most what was in flight, visibly.
/// The real app runs as a child process, sends through real SMTP to a slow sink, and is SIGKILLed.
/// </summary>
[Collection(RealAppCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int MessageCount = 300;

    [Fact]
    public async Task KilledMidSend_RestartOnSameDatabase_LosesNothing_AndResendsOnlyInFlight()
    {
        await using var sink = SmtpSink.Start();
        sink.DataReplyDelay = TimeSpan.FromMilliseconds(40);
        var database = Path.Combine(Path.GetTempPath(), "nops-tests", $"crash-{Guid.NewGuid():N}.db");
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

        var recipients = string.Join(",", Enumerable.Range(0, MessageCount).Select(i => $"{{\"email\":\"user{i}@example.com\"}}"));
        var body = $"{{\"message\":{{\"to\":[{recipients}],\"content\":{{\"title\":\"Crash test\",\"body\":\"Hello\"}},\"routing\":{{\"method\":\"single\",\"channels\":[\"email\"]}}}}}}";

        int receivedAtKill;
        await using (var first = await AppProcess.StartAsync(database, environment))
        {
            using var client = first.CreateApiClient();
            var response = await client.PostAsync("/api/send", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

            await Eventually.HoldsAsync(() => sink.Messages.Count >= MessageCount / 3, "a third of the messages reached the sink");
            first.Kill();
            receivedAtKill = sink.Messages.Count;
        }

        Assert.True(receivedAtKill < MessageCount, "The app finished before it was killed; the test proves nothing.");
        var inFlightAtKill = CrashDatabase.PendingAttempts(database);

        await using (var second = await AppProcess.StartAsync(database, environment))
        {
            using var client = second.CreateApiClient();
            await Eventually.HoldsAsync(async () => await CountSentAsync(client) == MessageCount, "every message SENT after the restart", TimeSpan.FromSeconds(120));
        }

        var deliveredIds = sink.Messages
            .Select(m => m.Parse().Headers["X-NotificationOps-Message-Id"]!)
            .ToList();
        Assert.Equal(MessageCount, deliveredIds.Distinct().Count());
        var duplicates = deliveredIds.Count - MessageCount;
        output.WriteLine($"received at kill: {receivedAtKill}, in flight at kill: {inFlightAtKill}, duplicates after restart: {duplicates}");
        Assert.True(duplicates <= inFlightAtKill, $"{duplicates} duplicates, but only {inFlightAtKill} attempts were in flight at the kill");

        // Every resend is visible in its message's history, with the same Message-ID as before.
        var resent = CrashDatabase.ResentMessageIds(database);
        foreach (var duplicate in deliveredIds.GroupBy(id => id).Where(g => g.Count() > 1))
        {
            Assert.Contains(duplicate.Key, resent);
            var messageIds = sink.Messages.Select(m => m.Parse()).Where(m => m.Headers["X-NotificationOps-Message-Id"] == duplicate.Key).Select(m => m.MessageId).Distinct();
            Assert.Single(messageIds);
        }
    }

    private static async Task<int> CountSentAsync(HttpClient client)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/messages?status=SENT,DELIVERED&limit=500{(cursor is null ? "" : "&cursor=" + cursor)}");
            count += page.GetProperty("results").GetArrayLength();
            cursor = page.GetProperty("paging").GetProperty("more").GetBoolean() ? page.GetProperty("paging").GetProperty("cursor").GetString() : null;
        }
        while (cursor is not null);
        return count;
    }
}
