using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Tests.Sending;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Start);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(8, 640)]
    [InlineData(9, 900)]
    [InlineData(40, 900)]
    public void Delay_DoublesFromTheBaseUpToTheCap_WhenTheJitterIsAtItsTop(int failedAttempts, double ceilingSeconds)
    {
        var schedule = Schedule(new FixedJitter(1));

        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), schedule.Delay(failedAttempts, retryAfter: null));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.25, 5)]
    [InlineData(0.5, 10)]
    public void Delay_IsTheJitterFractionOfTheCeiling_FullJitter(double fraction, double expectedSeconds)
    {
        var schedule = Schedule(new FixedJitter(fraction));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), schedule.Delay(3, retryAfter: null));
    }

    [Fact]
    public void Delay_StaysWithinZeroAndTheCeiling_AndRepeats_WithTheSameSeed()
    {
        var first = Schedule(new RandomRetryJitter(new Random(42)));
        var second = Schedule(new RandomRetryJitter(new Random(42)));

        var delays = Enumerable.Range(1, 20).Select(n => first.Delay(n, retryAfter: null)).ToList();
        var again = Enumerable.Range(1, 20).Select(n => second.Delay(n, retryAfter: null)).ToList();

        Assert.Equal(delays, again);
        Assert.All(delays.Select((d, i) => (Delay: d, Ceiling: Math.Min(900, 5 * Math.Pow(2, i)))), x =>
            Assert.InRange(x.Delay.TotalSeconds, 0, x.Ceiling));
        Assert.True(delays.Distinct().Count() > 1, "jitter should vary the waits");
    }

    [Fact]
    public void Delay_HonoursRetryAfter_WhenItIsLongerThanTheBackoff()
    {
        var schedule = Schedule(new FixedJitter(1));

        Assert.Equal(TimeSpan.FromSeconds(120), schedule.Delay(1, TimeSpan.FromSeconds(120)));
    }

    [Fact]
    public void Delay_KeepsTheBackoff_WhenRetryAfterIsShorter()
    {
        var schedule = Schedule(new FixedJitter(1));

        Assert.Equal(TimeSpan.FromSeconds(20), schedule.Delay(3, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void NextAttempt_IsNowPlusTheDelay_OnTheInjectedClock()
    {
        var schedule = Schedule(new FixedJitter(0.5));
        time.Advance(TimeSpan.FromMinutes(7));

        var next = schedule.NextAttempt(2, retryAfter: null, budgetUntil: Start.AddHours(24));

        Assert.Equal(Start.AddMinutes(7).AddSeconds(5), next);
    }

    [Fact]
    public void NextAttempt_HonoursRetryAfter_WithinTheBudget()
    {
        var schedule = Schedule(new FixedJitter(0));

        var next = schedule.NextAttempt(1, TimeSpan.FromMinutes(10), budgetUntil: Start.AddHours(1));

        Assert.Equal(Start.AddMinutes(10), next);
    }

    [Fact]
    public void NextAttempt_IsNull_WhenTheNextAttemptWouldFallPastTheBudget()
    {
        var schedule = Schedule(new FixedJitter(1));
        var budget = schedule.BudgetFrom(Start);
        time.SetUtcNow(budget.AddMinutes(-10));

        Assert.Null(schedule.NextAttempt(20, retryAfter: null, budget));
        Assert.Equal(budget.AddSeconds(-150), Schedule(new FixedJitter(0.5)).NextAttempt(20, retryAfter: null, budget));
    }

    [Fact]
    public void NextAttempt_IsNull_WhenRetryAfterReachesPastTheBudget()
    {
        var schedule = Schedule(new FixedJitter(0));

        Assert.Null(schedule.NextAttempt(1, TimeSpan.FromHours(2), budgetUntil: Start.AddHours(1)));
    }

    [Fact]
    public void NextAttempt_IsAllowed_ExactlyAtTheEndOfTheBudget()
    {
        var schedule = Schedule(new FixedJitter(1));

        Assert.Equal(Start.AddSeconds(5), schedule.NextAttempt(1, retryAfter: null, budgetUntil: Start.AddSeconds(5)));
    }

    [Fact]
    public void BudgetFrom_AddsTheConfiguredBudget()
    {
        var schedule = Schedule(new FixedJitter(0), new DeliveryOptions { RetryBudgetHours = 1.5 });

        Assert.Equal(Start.AddMinutes(90), schedule.BudgetFrom(Start));
    }

    [Fact]
    public void Delay_FollowsTheConfiguredBaseAndCap()
    {
        var schedule = Schedule(new FixedJitter(1), new DeliveryOptions { RetryBaseSeconds = 2, RetryCapSeconds = 7 });

        Assert.Equal(
            [2, 4, 7, 7],
            Enumerable.Range(1, 4).Select(n => schedule.Delay(n, retryAfter: null).TotalSeconds));
    }

    private RetrySchedule Schedule(IRetryJitter jitter, DeliveryOptions? options = null) =>
        new(Options.Create(options ?? new DeliveryOptions()), time, jitter);

    /// <summary>A jitter pinned to one fraction, so a test can read the ceiling (1) or the floor (0) of a wait.</summary>
    private sealed class FixedJitter(double fraction) : IRetryJitter
    {
        public double NextFraction() => fraction;
    }
}
