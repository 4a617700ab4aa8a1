using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

/// <summary>
/// A round's answers are recorded as its calls finish, not only at its end: a crash then leaves unrecorded only
/// what was truly in flight (docs/recovery.md), while a round of quick calls still takes one outcome transaction.
/// </summary>
public sealed class OutcomeFlusherTests
{
    private static string Send(string email) =>
        "{\"message\":{\"to\":{\"email\":\"" + email + "\"},\"content\":{\"title\":\"Hi\",\"body\":\"Hello\"},"
        + "\"routing\":{\"method\":\"single\",\"channels\":[\"email\"]}}}";

    private static Task<EngineHost> StartAsync(GatedProviders gated, params string[] providers) =>
        EngineHost.CreateAsync(GatedProviders.Settings(providers), services => services.AddSingleton<IDeliveryProviderFactory>(gated));

    /// <summary>Gated providers where gate-a refuses fails@example.com for good (so it fails over to gate-b) and accepts the rest.</summary>
    private static GatedProviders FailsAtGateA() => new()
    {
        Answer = (provider, message) => provider == "gate-a" && message.To == "fails@example.com"
            ? ProviderResult.Permanent("mailbox refused")
            : new ProviderResult(ProviderOutcome.Accepted) { ProviderMessageId = $"{provider}-{message.MessageId}" },
    };

    /// <summary>The engine's clock moves a flush window on each look, so a group of finished calls comes due.</summary>
    private static async Task<bool> AfterAWindowAsync(EngineHost engine, Func<Task<bool>> condition)
    {
        engine.Time.Advance(TimeSpan.FromMilliseconds(OutcomeFlusher.FlushWithinMs));
        return await condition();
    }

    [Fact]
    public async Task CallAndRecordAsync_EarlyAnswers_AreStoredWhileLaterCallsGoOn()
    {
        var gated = new GatedProviders();
        await using var engine = await StartAsync(gated, "gate-a");
        var early = new[] { (await engine.SendAsync(Send("early1@example.com"))).Single(), (await engine.SendAsync(Send("early2@example.com"))).Single() };
        var late = (await engine.SendAsync(Send("late@example.com"))).Single();
        gated.Hold("late@example.com");

        var run = engine.Services.GetRequiredService<SendJob>().RunBatchAsync([.. early, late], CancellationToken.None);

        await Eventually.HoldsAsync(() => AfterAWindowAsync(engine, async () =>
            (await engine.MessageAsync(early[0])).Status == MessageStatus.Sent && (await engine.MessageAsync(early[1])).Status == MessageStatus.Sent),
            "the early answers stored while the late call goes on");
        Assert.False(run.IsCompleted);
        foreach (var id in early)
        {
            Assert.Equal(AttemptOutcome.Accepted, Assert.Single(await engine.AttemptsAsync(id)).Outcome);
            Assert.Null((await engine.MessageAsync(id)).LeaseUntil);
        }

        // The late one is still held by the run, its attempt started and not finished.
        var waiting = await engine.MessageAsync(late);
        Assert.Equal(MessageStatus.Enqueued, waiting.Status);
        Assert.NotNull(waiting.LeaseUntil);
        Assert.Equal(AttemptOutcome.Pending, Assert.Single(await engine.AttemptsAsync(late)).Outcome);

        gated.Release("late@example.com");
        await run;

        var sent = await engine.MessageAsync(late);
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Null(sent.LeaseUntil);
        Assert.Equal(AttemptOutcome.Accepted, Assert.Single(await engine.AttemptsAsync(late)).Outcome);
        Assert.Equal(3, gated.Calls.Count);
    }

    [Fact]
    public async Task CallAndRecordAsync_QuickCalls_TakeOneOutcomeTransactionPerBatch()
    {
        var gated = new GatedProviders();
        await using var engine = await EngineHost.CreateAsync(GatedProviders.Settings("gate-a"), services =>
        {
            services.AddSingleton<IDeliveryProviderFactory>(gated);
            CountingWriteTransactions.Install(services);
            // The real clock: the group must come due by itself if the quick calls were not all over within a window.
            services.AddSingleton(TimeProvider.System);
        });
        var ids = new List<string>();
        for (var i = 0; i < SendJob.MaxBatch; i++)
        {
            ids.AddRange(await engine.SendAsync(Send($"user{i}@example.com")));
        }

        var writes = (CountingWriteTransactions)engine.Services.GetRequiredService<IWriteTransactions>();
        var before = writes.Begun;
        await engine.Services.GetRequiredService<SendJob>().RunBatchAsync([.. ids], CancellationToken.None);

        // One transaction starts the attempts, one records every answer.
        Assert.Equal(2, writes.Begun - before);
        Assert.Equal(SendJob.MaxBatch, gated.Calls.Count);
        foreach (var id in ids)
        {
            Assert.Equal(MessageStatus.Sent, (await engine.MessageAsync(id)).Status);
        }
    }

    [Fact]
    public async Task CallAndRecordAsync_FailureRecordedInAnEarlierGroup_FailsOverInTheNextRound()
    {
        var gated = FailsAtGateA();
        await using var engine = await StartAsync(gated, "gate-a", "gate-b");
        var fails = (await engine.SendAsync(Send("fails@example.com"))).Single();
        var late = (await engine.SendAsync(Send("late@example.com"))).Single();
        gated.Hold("late@example.com");

        var run = engine.Services.GetRequiredService<SendJob>().RunBatchAsync([fails, late], CancellationToken.None);

        await Eventually.HoldsAsync(() => AfterAWindowAsync(engine, async () =>
            (await engine.AttemptsAsync(fails)).SingleOrDefault()?.Outcome == AttemptOutcome.PermanentFailure),
            "the failed answer stored while the late call goes on");
        Assert.False(run.IsCompleted);
        Assert.DoesNotContain(gated.Calls, call => call.Provider == "gate-b");

        gated.Release("late@example.com");
        await run;

        var failedOver = await engine.MessageAsync(fails);
        Assert.Equal(MessageStatus.Sent, failedOver.Status);
        Assert.Equal("gate-b", failedOver.Provider);
        Assert.Equal(
            [("gate-a", AttemptOutcome.PermanentFailure), ("gate-b", AttemptOutcome.Accepted)],
            (await engine.AttemptsAsync(fails)).Select(a => (a.Provider, a.Outcome)));
        Assert.Contains(await engine.HistoryAsync(fails), e => e.Type == MessageEventTypes.Failover);
        Assert.Equal("gate-a", (await engine.MessageAsync(late)).Provider);
    }

    [Fact]
    public async Task CallAndRecordAsync_RoundLongerThanTheLease_RenewsIt_SoASecondRunTakesNothing()
    {
        var gated = FailsAtGateA();
        await using var engine = await StartAsync(gated, "gate-a", "gate-b");
        var slow = (await engine.SendAsync(Send("slow@example.com"))).Single();
        var fails = (await engine.SendAsync(Send("fails@example.com"))).Single();
        gated.Hold("slow@example.com");
        var lease = engine.Services.GetRequiredService<SendLeases>().RenewEvery * 3;

        var run = engine.Services.GetRequiredService<SendJob>().RunBatchAsync([slow, fails], CancellationToken.None);
        await Eventually.HoldsAsync(() => AfterAWindowAsync(engine, async () =>
            gated.Calls.Count == 2 && (await engine.AttemptsAsync(fails)).SingleOrDefault()?.Outcome == AttemptOutcome.PermanentFailure),
            "the slow call under way, the failure recorded for failover in the next round");
        var taken = (await engine.MessageAsync(slow)).LeaseUntil!.Value;

        // Twice past the lease taken at the start: each time the run renews both holds from the clock's new time,
        // the unrecorded message's and the one waiting to fail over.
        for (var i = 0; i < 2; i++)
        {
            engine.Time.Advance(lease + TimeSpan.FromSeconds(1));
            var now = engine.Time.GetUtcNow();
            await Eventually.HoldsAsync(async () =>
                (await engine.MessageAsync(slow)).LeaseUntil > now && (await engine.MessageAsync(fails)).LeaseUntil > now,
                "the leases renewed past the clock");
        }

        Assert.True((await engine.MessageAsync(slow)).LeaseUntil > taken + lease);

        // What the recovery sweep would start: a second run finds both messages held and calls no provider.
        await engine.Services.GetRequiredService<SendJob>().RunBatchAsync([slow, fails], CancellationToken.None);
        Assert.Equal(2, gated.Calls.Count);
        Assert.False(run.IsCompleted);

        gated.Release("slow@example.com");
        await run;
        var sent = await engine.MessageAsync(slow);
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Null(sent.LeaseUntil);
        Assert.Equal(AttemptOutcome.Accepted, Assert.Single(await engine.AttemptsAsync(slow)).Outcome);
        Assert.Equal(
            [("gate-a", AttemptOutcome.PermanentFailure), ("gate-b", AttemptOutcome.Accepted)],
            (await engine.AttemptsAsync(fails)).Select(a => (a.Provider, a.Outcome)));
        Assert.Equal(3, gated.Calls.Count);
    }
}
