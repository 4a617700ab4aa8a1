using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Sending;

/// <summary>Exponential backoff with full jitter, honouring Retry-After, within the retry budget (DESIGN.md, Retries).</summary>
public sealed class RetrySchedule(IOptions<DeliveryOptions> options, TimeProvider time, IRetryJitter jitter)
{
    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan Delay(int failedAttempts, TimeSpan? retryAfter)
    {
        var o = options.Value;
        var exponent = Math.Min(Math.Max(failedAttempts - 1, 0), 30);
        var ceiling = Math.Min(o.RetryCapSeconds, o.RetryBaseSeconds * Math.Pow(2, exponent));
        var jittered = TimeSpan.FromSeconds(ceiling * jitter.NextFraction());
        return retryAfter is { } after && after > jittered ? after : jittered;
    }

    /// <summary>When to try next, or null when that would be past <paramref name="budgetUntil"/>.</summary>
    public DateTimeOffset? NextAttempt(int failedAttempts, TimeSpan? retryAfter, DateTimeOffset budgetUntil)
    {
        var next = time.GetUtcNow() + Delay(failedAttempts, retryAfter);
        return next <= budgetUntil ? next : null;
    }

    public DateTimeOffset BudgetFrom(DateTimeOffset start) => start + TimeSpan.FromHours(options.Value.RetryBudgetHours);
}
