using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

public sealed class SendBatchJobTests
{
    private static string Send(string email) =>
        "{\"message\":{\"to\":{\"email\":\"" + email + "\"},\"content\":{\"title\":\"Hi\",\"body\":\"Hello {{name}}\"},"
        + "\"data\":{\"name\":\"" + email + "\"},\"routing\":{\"method\":\"single\",\"channels\":[\"email\"]}}}";

    [Fact]
    public async Task RunBatchAsync_DeliversEveryMessage_WithOneAttemptEach()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 0));
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            ids.AddRange(await engine.SendAsync(Send($"user{i}@example.com")));
        }

        await engine.Services.GetRequiredService<SendJob>().RunBatchAsync([.. ids], CancellationToken.None);

        foreach (var id in ids)
        {
            var message = await engine.MessageAsync(id);
            Assert.Equal(MessageStatus.Delivered, message.Status);
            Assert.Equal(1, message.AttemptCount);
            Assert.Equal("sim-email", message.Provider);
            Assert.NotNull(message.ProviderMessageId);
            Assert.NotNull(message.OutputJson);
            Assert.Null(message.LeaseUntil);
            Assert.Null(message.NextAttemptAt);
            Assert.NotNull(message.SentAt);
            Assert.NotNull(message.DeliveredAt);

            // The attempt is written before the call and completed after it, set-based for the whole batch.
            var attempt = Assert.Single(await engine.AttemptsAsync(id));
            Assert.Equal(1, attempt.Number);
            Assert.Equal(AttemptOutcome.Accepted, attempt.Outcome);
            Assert.NotNull(attempt.FinishedAt);
            Assert.True(attempt.FinishedAt >= attempt.StartedAt);
            Assert.NotNull(attempt.RequestSummary);
            Assert.Contains(message.ProviderMessageId!, attempt.ResponseBody);

            var history = await engine.HistoryAsync(id);
            Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], history.Select(e => e.Type));
            Assert.StartsWith("Attempt 1: accepted by sim-email (email)", history[1].Detail);
            Assert.Equal("Simulated delivery receipt.", history[2].Detail);
        }
    }

    [Fact]
    public async Task RunBatchAsync_MixedAnswers_EachMessageGoesItsOwnWay()
    {
        await using var first = await FakeProviderServer.StartAsync();
        await using var second = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Webhooks(("hook-a", first), ("hook-b", second)));
        var ok = (await engine.SendAsync(Send("ok@example.com"))).Single();
        var limited = (await engine.SendAsync(Send("limited@example.com"))).Single();
        var rejected = (await engine.SendAsync(Send("rejected@example.com"))).Single();
        // The calls run concurrently, so the fake answers by recipient rather than by arrival order.
        first.Responder = request =>
            request.Body.Contains("limited@example.com", StringComparison.Ordinal) ? new FakeResponse(429, "{}", new Dictionary<string, string> { ["Retry-After"] = "300" })
            : request.Body.Contains("rejected@example.com", StringComparison.Ordinal) ? new FakeResponse(400, "{\"error\":\"invalid\"}")
            : null;
        var job = engine.Services.GetRequiredService<SendJob>();

        await job.RunBatchAsync([ok, limited, rejected], CancellationToken.None);

        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(ok)).Status);

        var waiting = await engine.MessageAsync(limited);
        Assert.Equal(MessageStatus.Enqueued, waiting.Status);
        Assert.True(waiting.NextAttemptAt >= engine.Time.GetUtcNow().AddSeconds(300));
        using (var connection = engine.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            // Its retry is a Hangfire job of its own, listed with Hangfire's retries.
            var retryJob = Assert.Single(connection.GetAllItemsFromSet("retries"));
            Assert.Equal(ScheduledState.StateName, connection.GetStateData(retryJob).Name);
        }

        // The rejected one continues alone, on the next provider.
        var handedOver = await engine.MessageAsync(rejected);
        Assert.Equal(1, handedOver.RouteProviderIndex);
        await engine.RunSendJobAsync(rejected);
        var failedOver = await engine.MessageAsync(rejected);
        Assert.Equal(MessageStatus.Delivered, failedOver.Status);
        Assert.Equal("hook-b", failedOver.Provider);
        Assert.Equal(["hook-a", "hook-b"], (await engine.AttemptsAsync(rejected)).Select(a => a.Provider));
    }

    [Fact]
    public async Task RunBatchAsync_SkipsMessagesAnotherJobHolds()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Webhooks(("hook-a", fake)));
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.AddRange(await engine.SendAsync(Send($"user{i}@example.com")));
        }

        var job = engine.Services.GetRequiredService<SendJob>();
        await Task.WhenAll(
            Task.Run(() => job.RunBatchAsync([.. ids], CancellationToken.None)),
            Task.Run(() => engine.Services.GetRequiredService<SendJob>().RunBatchAsync([.. ids], CancellationToken.None)),
            Task.Run(() => engine.RunSendJobAsync(ids[0])));

        Assert.Equal(10, fake.Requests.Count);
        foreach (var id in ids)
        {
            Assert.Single(await engine.AttemptsAsync(id));
        }
    }
}
