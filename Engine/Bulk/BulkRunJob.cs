using Hangfire;

namespace NotificationOps.Engine.Bulk;

/// <summary>The Hangfire entry point of a bulk run; idempotent (a second run finds the lease held or the work done).</summary>
public sealed class BulkRunJob(BulkRunner runner)
{
    [AutomaticRetry(Attempts = 0)] // the recovery sweep resumes a failed run from its pending users
    public Task RunAsync(string jobId, CancellationToken cancellationToken) => runner.RunAsync(jobId, cancellationToken);
}
