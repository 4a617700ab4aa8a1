using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.Observability;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookSendsFirstTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly SendActivity sends = new();

    [Fact]
    public async Task WaitForTurnAsync_GivesWayWhileSendsRunOnBusyProcessors_UntilTheyEnd()
    {
        var first = Create(busy: 0.9, yieldMs: 60_000);
        var sending = sends.Enter();

        var waiting = first.WaitForTurnAsync(time.GetUtcNow(), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        sending.Dispose();

        // Ends with the sends, long before its minute of budget.
        Assert.True(await waiting.WaitAsync(Bounded) > TimeSpan.Zero);
    }

    [Fact]
    public async Task WaitForTurnAsync_DoesNotWait_WhenTheProcessorsHaveRoom()
    {
        using var sending = sends.Enter();

        Assert.Equal(TimeSpan.Zero, await Create(busy: 0.2, yieldMs: 60_000).WaitForTurnAsync(time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task WaitForTurnAsync_DoesNotWait_WhenNothingIsBeingSent()
    {
        Assert.Equal(TimeSpan.Zero, await Create(busy: 1, yieldMs: 60_000).WaitForTurnAsync(time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task WaitForTurnAsync_DoesNotWait_WhenTurnedOff()
    {
        using var sending = sends.Enter();

        Assert.Equal(TimeSpan.Zero, await Create(busy: 1, yieldMs: 0).WaitForTurnAsync(time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task WaitForTurnAsync_WaitsOnlyWhatIsLeftOfTheBudget_SinceTheOldestChange()
    {
        using var sending = sends.Enter();
        var sendsFirst = Create(busy: 1, yieldMs: 60_000);

        // The oldest change is 59.8 s old: 200 ms of the minute are left, and the sends never end.
        var waited = await sendsFirst.WaitForTurnAsync(time.GetUtcNow().AddSeconds(-59.8), CancellationToken.None).WaitAsync(Bounded);
        Assert.InRange(waited, TimeSpan.FromMilliseconds(200), Bounded);

        Assert.Equal(TimeSpan.Zero, await sendsFirst.WaitForTurnAsync(time.GetUtcNow().AddMinutes(-2), CancellationToken.None));
    }

    [Fact]
    public async Task WaitForTurnAsync_WaitsAtMostTheBudget_ForAChangeStampedAheadOfTheClock()
    {
        using var sending = sends.Enter();

        var waited = await Create(busy: 1, yieldMs: 300).WaitForTurnAsync(time.GetUtcNow().AddHours(1), CancellationToken.None).WaitAsync(Bounded);

        Assert.InRange(waited, TimeSpan.FromMilliseconds(300), Bounded);
    }

    [Fact]
    public async Task RunAsync_DeliversNothing_WhileSendsComeFirst_ThenEverything()
    {
        var activity = new SendActivity();
        await using var fixture = await WebhookFixture.CreateAsync(
            settings: new() { ["Webhooks:YieldToSendsMs"] = "60000" },
            configureServices: services => services
                .AddSingleton(activity)
                .AddSingleton<CpuPressure>(new FixedCpuPressure(1)));
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);
        var sending = activity.Enter();

        var delivering = fixture.DeliverAsync();
        // The job leases its batch before it asks whether sends come first.
        await Eventually.HoldsAsync(async () => (await fixture.DeliveriesAsync()).Single().LeaseUntil is not null, "the batch leased");
        Assert.Empty(fixture.Receiver.Requests);
        Assert.False(delivering.IsCompleted);
        sending.Dispose();

        Assert.Equal(1, await delivering.WaitAsync(Bounded));
        Assert.Single(fixture.Receiver.Requests);
    }

    private WebhookSendsFirst Create(double busy, int yieldMs) =>
        new(sends, new FixedCpuPressure(busy), Options.Create(new WebhookOptions { YieldToSendsMs = yieldMs }), time);
}
