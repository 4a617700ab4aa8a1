using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Sending;

/// <summary>
/// Issue 13's "done when": a kill -9 mid-burst on the shipped configuration (the simulated providers of
/// appsettings.json, whose receipts are rows) ends with every accepted message DELIVERED and every retried
/// Idempotency-Key answered. The real app runs as a child process and is SIGKILLed while requests are in flight.
/// </summary>
[Collection(RealAppCollection.Name)]
public sealed class CrashBurstTests(ITestOutputHelper output)
{
    private const int RequestCount = 300;
    private const int Concurrency = 16;
    private const int KillAfterAccepted = RequestCount / 3;
    private const int LeaseSeconds = 2;
    private const int MaxTriesPerRequest = 6;

    [Fact]
    public async Task KilledMidBurst_ShippedProviders_EveryAcceptedMessageDelivered_AndEveryRetriedKeyAnswered()
    {
        var database = Path.Combine(Path.GetTempPath(), "nops-tests", $"crash-burst-{Guid.NewGuid():N}.db");
        // The shipped providers as they are; only the idempotency lease is shortened, so a key held by a request
        // the kill cut off is free again in seconds rather than the default 30.
        var environment = new Dictionary<string, string> { ["Idempotency__LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var requests = Enumerable.Range(0, RequestCount).Select(i => new BurstRequest(i)).ToArray();
        var before = new ConcurrentDictionary<int, SendAnswer>();
        var started = 0;

        await using (var first = await AppProcess.StartAsync(database, environment))
        {
            using var client = first.CreateApiClient();
            using var stop = new CancellationTokenSource();
            var burst = BurstAsync(client, requests, before, () => Interlocked.Increment(ref started) - 1, stop.Token);
            // Intake answers a group commit's requests together: right after one, few are in flight. Kill when many are.
            // The kill happens inside the check that saw the requests in flight: killing after the wait returned left a
            // window in which a group commit could answer every one of them, and the test then proved nothing.
            await Eventually.HoldsAsync(
                () =>
                {
                    if (before.Values.Count(a => a.Status == 202) >= KillAfterAccepted && Volatile.Read(ref started) - before.Count >= Concurrency / 2)
                    {
                        first.Kill();
                        return true;
                    }

                    return burst.IsCompleted;
                },
                "a third of the burst accepted and half the senders waiting for an answer");
            stop.Cancel();
            first.Kill();
            await burst;
        }

        var startedCount = Math.Min(Volatile.Read(ref started), RequestCount);
        var acceptedAtKill = before.Values.Count(a => a.Status == 202);
        var inFlightAtKill = startedCount - before.Count;
        var attemptsInFlight = CrashDatabase.PendingAttempts(database);
        var storedAtKill = CrashDatabase.Count(database, "SELECT COUNT(*) FROM Messages");
        // Keys whose request the kill cut off: without a lease they would answer 409 for the day the record is kept.
        var keysHeldAtKill = CrashDatabase.Count(database, "SELECT COUNT(*) FROM IdempotencyRecords WHERE CompletedAt IS NULL");
        // The kill must cut into the burst's work: requests (seen unanswered by the client, or held as keys by the server)
        // or provider attempts. The client's view alone lags on a loaded machine: answers already in its socket buffers
        // at the kill arrive after it, so a kill between two group commits could see every request answered.
        Assert.True(acceptedAtKill < RequestCount && (inFlightAtKill > 0 || keysHeldAtKill > 0 || attemptsInFlight > 0),
            $"The kill interrupted nothing ({acceptedAtKill} accepted, {inFlightAtKill} unanswered, {keysHeldAtKill} keys held, {attemptsInFlight} attempts in flight); the test proves nothing.");

        var after = new SendAnswer[RequestCount];
        var conflicts = 0;
        await using (var second = await AppProcess.StartAsync(database, environment))
        {
            using var client = second.CreateApiClient();
            // Every request again, the answered ones included: those must replay, the others must now run.
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (request, _) =>
            {
                var (answer, waited) = await SendHonouringRetryAfterAsync(client, request);
                after[request.Index] = answer;
                Interlocked.Add(ref conflicts, waited);
            });

            Assert.All(after, a => Assert.True(a.Status == 202, $"A retried key was answered {a.Status}: {a.Body}"));
            foreach (var (index, answer) in before.Where(b => b.Value.Status == 202))
            {
                Assert.Equal(answer.RequestId, after[index].RequestId);
                Assert.True(after[index].Replayed, $"Request {index} was answered before the kill but ran again.");
            }

            var accepted = after.Select(a => a.RequestId!).ToHashSet();
            var pending = new HashSet<string>(accepted);
            await Eventually.HoldsAsync(async () => await RemoveDeliveredAsync(client, pending) == 0,
                $"every accepted message DELIVERED ({pending.Count} not yet: {string.Join(", ", pending.Take(5))})", TimeSpan.FromSeconds(90));
            await Eventually.HoldsAsync(async () => await CountAsync(client, "ENQUEUED,SENT,DELAYED") == 0, "no message left ENQUEUED or SENT", TimeSpan.FromSeconds(30));
            Assert.Equal(0, await CountAsync(client, "UNDELIVERABLE,UNROUTABLE"));

            // A request the kill cut off after its messages were stored had its answer stored with them: its retry replays
            // that request id, so no message beyond the accepted requests' exists. Resends are attempts the kill
            // interrupted, sent once more.
            var stored = CrashDatabase.Count(database, "SELECT COUNT(*) FROM Messages");
            var orphans = stored - accepted.Count;
            var resent = CrashDatabase.ResentMessageIds(database).Count;
            output.WriteLine($"accepted at kill: {acceptedAtKill}, requests in flight at kill: {inFlightAtKill}, stored at kill: {storedAtKill}, " +
                $"keys held at kill: {keysHeldAtKill}, attempts in flight at kill: {attemptsInFlight}, 409s waited out: {conflicts}, accepted in all: {accepted.Count}, " +
                $"stored in all: {stored}, stored but unanswered: {orphans}, resent after the crash: {resent}");
            Assert.Equal(RequestCount, accepted.Count);
            Assert.InRange(keysHeldAtKill, 0, inFlightAtKill);
            Assert.Equal(0, orphans);
            Assert.InRange(resent, 0, attemptsInFlight);
        }
    }

    /// <summary>Concurrent senders over the requests in order until told to stop; a request the kill cut off stays unanswered.</summary>
    private static async Task BurstAsync(HttpClient client, BurstRequest[] requests, ConcurrentDictionary<int, SendAnswer> answers, Func<int> next, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            await Task.Yield();
            int index;
            while (!stop.IsCancellationRequested && (index = next()) < requests.Length)
            {
                try
                {
                    answers[index] = await SendAsync(client, requests[index]);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    return; // the app is gone: this request has no answer
                }
            }
        }));
    }

    /// <summary>
    /// Sends until the answer is final, as a client following the protocol does: 409 (the key still held by the
    /// request the kill cut off) and 503 come with Retry-After, which is waited out, a bounded number of times.
    /// </summary>
    private static async Task<(SendAnswer Answer, int Conflicts)> SendHonouringRetryAfterAsync(HttpClient client, BurstRequest request)
    {
        var conflicts = 0;
        for (var attempt = 1; ; attempt++)
        {
            var answer = await SendAsync(client, request);
            if (answer.Status is not (409 or 503) || attempt == MaxTriesPerRequest)
            {
                return (answer, conflicts);
            }

            var retryAfter = answer.RetryAfter ?? throw new Xunit.Sdk.XunitException($"{answer.Status} without Retry-After: {answer.Body}");
            if (answer.Status == 409)
            {
                conflicts++;
                Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(LeaseSeconds));
            }

            await Task.Delay(retryAfter);
        }
    }

    private static async Task<SendAnswer> SendAsync(HttpClient client, BurstRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/send") { Content = new StringContent(request.Body, Encoding.UTF8, "application/json") };
        message.Headers.Add("Idempotency-Key", request.Key);
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        string? requestId = null;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            using var json = JsonDocument.Parse(body);
            requestId = json.RootElement.GetProperty("requestId").GetString();
        }

        return new SendAnswer((int)response.StatusCode, requestId, body, response.Headers.RetryAfter?.Delta, response.Headers.Contains("Idempotent-Replayed"));
    }

    /// <summary>Reads each message still pending through the API and forgets the DELIVERED ones; returns how many are left.</summary>
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

    private static async Task<int> CountAsync(HttpClient client, string statuses)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/messages?status={statuses}&limit=500");
        return page.GetProperty("results").GetArrayLength();
    }

    private sealed record BurstRequest(int Index)
    {
        public string Key { get; } = $"crash-burst-{Index}-{Guid.NewGuid():N}";

        public string Body => $"{{\"message\":{{\"to\":{{\"email\":\"burst{Index}@example.com\"}},\"content\":{{\"title\":\"Burst {Index}\",\"body\":\"Hello\"}},\"routing\":{{\"method\":\"single\",\"channels\":[\"email\"]}}}}}}";
    }

    private sealed record SendAnswer(int Status, string? RequestId, string Body, TimeSpan? RetryAfter, bool Replayed);
}
