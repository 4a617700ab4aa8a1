using Hangfire.States;
using Hangfire.Storage;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Hangfire's retry for send jobs, on our schedule: a <see cref="TransientDeliveryException"/> becomes a
/// scheduled retry at the time the job recorded (backoff, Retry-After), and the job is listed with Hangfire's
/// retries like AutomaticRetry's own. When our budget is spent the job does not throw, so Hangfire stops too.
/// The retry time was set on <c>time</c> (the schedule's clock); Hangfire schedules on its own, so the
/// filter hands it the wait that remains on ours.
/// </summary>
public sealed class SendRetryFilter(TimeProvider time) : IElectStateFilter, IApplyStateFilter
{
    private const string RetryCountParameter = "RetryCount";
    private const string RetriesSet = "retries";
    internal const string ReasonPrefix = "Retry attempt";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState { Exception: TransientDeliveryException transient })
        {
            return;
        }

        var retryCount = context.GetJobParameter<int>(RetryCountParameter) + 1;
        context.SetJobParameter(RetryCountParameter, retryCount);
        var delay = transient.RetryAt - time.GetUtcNow();
        context.CandidateState = new ScheduledState(delay > TimeSpan.Zero ? delay : TimeSpan.Zero)
        {
            Reason = $"{ReasonPrefix} {retryCount}: {transient.Message}",
        };
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.NewState is ScheduledState && context.NewState.Reason?.StartsWith(ReasonPrefix, StringComparison.Ordinal) == true)
        {
            transaction.AddToSet(RetriesSet, context.BackgroundJob.Id);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.OldStateName == ScheduledState.StateName)
        {
            transaction.RemoveFromSet(RetriesSet, context.BackgroundJob.Id);
        }
    }
}
