using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Providers.Smtp;
using NotificationOps.Engine.Sending;
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

    /// <summary>The sink answers each message's DATA this long after receiving it.</summary>
    private const int DataReplyDelayMs = 40;

    /// <summary>
    /// The most messages a restart may send twice: those the sink had received whose answer was not yet stored.
    /// Such a call is either still going at the kill — within the concurrent-call limit of a round — or finished
    /// within the last flush window (OutcomeFlusher records a finished call at the latest FlushWithinMs after it
    /// finished). Calls finish at most one per connection per reply delay: the provider's pool of 4 connections is
    /// shared by every job, so at most 4 × ⌈200 / 40⌉ = 20 within a window; bound 32 + 20 = 52. The margin is in the
    /// limit: only 4 of the 32 calls can hold a connection, so the other 28 cover the calls that finish while a group's
    /// transaction commits (28 × 40 / 4 = 280 ms of commit on a loaded machine) and the second batch job (the 300
    /// messages go out as batches of 200 and 100, through the same 4 connections). Before outcomes were recorded as
    /// calls finished, a batch of 200 stored none until its last call was over: at a kill after 100 received, about
    /// 100 were sent twice.
    /// </summary>
    private static readonly int MaxResent = ProviderCaller.MaxConcurrentCalls
        + (new SmtpOptions().PoolSize * (int)Math.Ceiling((double)OutcomeFlusher.FlushWithinMs / DataReplyDelayMs));

    [Fact]
    public async Task KilledMidSend_RestartOnSameDatabase_LosesNothing_AndResendsOnlyInFlight()
    {
        await using var sink = SmtpSink.Start();
        sink.DataReplyDelay = TimeSpan.FromMilliseconds(DataReplyDelayMs);
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
        var pendingAtKill = CrashDatabase.PendingAttempts(database);

        // Received by the sink, not yet stored as such: what was truly in flight as far as the provider is concerned.
        var receivedIds = sink.Messages.Select(m => m.Parse().Headers["X-NotificationOps-Message-Id"]!).ToHashSet(StringComparer.Ordinal);
        var unrecordedAtKill = CrashDatabase.PendingAttemptMessageIds(database).Count(receivedIds.Contains);

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
        output.WriteLine($"received at kill: {receivedAtKill}, attempts pending at kill: {pendingAtKill}, received but unrecorded at kill: {unrecordedAtKill}, "
            + $"duplicates after restart: {duplicates} (bound {MaxResent})");
        Assert.True(duplicates <= unrecordedAtKill, $"{duplicates} duplicates, but only {unrecordedAtKill} received messages were unrecorded at the kill");
        Assert.True(duplicates <= MaxResent, $"{duplicates} duplicates, more than the {MaxResent} that can be in flight at a kill");

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
