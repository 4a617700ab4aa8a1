using Hangfire;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Hands committed messages to the send jobs (after commit, never before): due ones in batch jobs, delayed ones
/// scheduled for their time; and a send to lists to its fan-out job. Hangfire is only the fast path: the recovery
/// sweep finds the rows if a job is lost.
/// </summary>
public sealed class SendJobDispatcher(IBackgroundJobClient jobs)
{
    public void Dispatch(IReadOnlyList<Message> messages)
    {
        var due = messages.Where(m => m.Status == MessageStatus.Enqueued).Select(m => m.Id).ToList();
        foreach (var chunk in due.Chunk(SendJob.MaxBatch))
        {
            jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunBatchAsync(chunk, CancellationToken.None));
        }

        foreach (var delayed in messages.Where(m => m.Status == MessageStatus.Delayed && m.NextAttemptAt is not null))
        {
            jobs.Schedule<SendJob>(JobQueues.Send, job => job.RunAsync(delayed.Id, CancellationToken.None), delayed.NextAttemptAt!.Value);
        }
    }

    public void Expand(string requestId) =>
        jobs.Enqueue<FanOutJob>(JobQueues.Default, job => job.RunAsync(requestId, CancellationToken.None));
}
