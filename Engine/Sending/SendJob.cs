using Hangfire;
using Hangfire.States;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// The send job's entry points, as Hangfire calls them (jobs already in storage name these methods, so their
/// signatures stay). Both run the one algorithm of <see cref="SendPipeline"/>; they differ only in how a scheduled
/// retry reaches Hangfire. Any job may run twice: a second run finds no lease to take.
/// </summary>
[AutomaticRetry(Attempts = 0)] // retries follow our schedule through SendRetryFilter, not Hangfire's default
public sealed class SendJob(SendPipeline pipeline, IBackgroundJobClient jobs)
{
    /// <summary>Largest batch one job takes.</summary>
    public const int MaxBatch = 200;

    /// <summary>
    /// One message, a batch of one. A scheduled retry fails the job with <see cref="TransientDeliveryException"/>,
    /// so <see cref="SendRetryFilter"/> reschedules this very job at our time and Hangfire lists it as a retry.
    /// </summary>
    public async Task RunAsync(string messageId, CancellationToken cancellationToken)
    {
        var retries = await pipeline.DeliverAsync([messageId], cancellationToken);
        if (retries is [var retry, ..])
        {
            throw new TransientDeliveryException(retry.MessageId, retry.At, retry.Error);
        }
    }

    /// <summary>Many messages at once; each retry becomes a Hangfire retry job of its own, listed with Hangfire's retries.</summary>
    public async Task RunBatchAsync(string[] messageIds, CancellationToken cancellationToken)
    {
        var retries = await pipeline.DeliverAsync(messageIds.Distinct().Take(MaxBatch).ToList(), cancellationToken);
        foreach (var retry in retries)
        {
            var id = retry.MessageId;
            jobs.Create<SendJob>(job => job.RunAsync(id, CancellationToken.None), new ScheduledState(retry.At.UtcDateTime)
            {
                Reason = $"{SendRetryFilter.ReasonPrefix} 1: {retry.Error}",
            });
        }
    }
}
