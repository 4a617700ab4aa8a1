using Hangfire;
using Hangfire.Server;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// The Hangfire entry of a run. No automatic retries: a failing step retries on the run's own schedule (rows,
/// not Hangfire state); once its budget is spent the job fails and shows in Hangfire's Failed page, where
/// Requeue retries the run (the run remembers which job failed it).
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class AutomationJob(AutomationRunner runner)
{
    /// <summary>Hangfire passes its <see cref="PerformContext"/> in place of the null the caller writes.</summary>
    public Task RunAsync(string runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(runId, context?.BackgroundJob?.Id, cancellationToken);
}
