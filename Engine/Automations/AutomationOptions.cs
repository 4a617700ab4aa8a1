using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Automations;

/// <summary>Automation runs (section <c>Automations</c>).</summary>
public sealed class AutomationOptions
{
    public const string SectionName = "Automations";

    /// <summary>
    /// Lets fetch-data steps call loopback, link-local and private addresses. Off by default: a step's URL comes
    /// from whoever may invoke automations, and must not reach the host's own network (SSRF).
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How many times a failing step is tried before the run is marked FAILED (a manual retry grants as many again).</summary>
    [Range(1, 100)]
    public int StepMaxAttempts { get; set; } = 3;

    /// <summary>The first wait before a failed step is tried again; each later wait doubles.</summary>
    [Range(0.01, 3600)]
    public double RetryBaseSeconds { get; set; } = 5;

    /// <summary>A job holds a run this long while it works on a step; a crashed job's hold simply expires.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>The wait after <paramref name="failedAttempts"/> failures within the budget: doubling, at most an hour.</summary>
    public TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, RetryBaseSeconds * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 20))));
}
