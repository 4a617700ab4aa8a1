using Hangfire;

namespace NotificationOps.Engine.Lists;

/// <summary>The Hangfire entry point of a fan-out; idempotent (a second run finds the lease held or the work done).</summary>
public sealed class FanOutJob(FanOutExpander expander)
{
    [AutomaticRetry(Attempts = 0)] // the recovery sweep resumes a failed expansion from its stored position
    public Task RunAsync(string requestId, CancellationToken cancellationToken) => expander.ExpandAsync(requestId, cancellationToken);
}
