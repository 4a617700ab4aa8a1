using Hangfire;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Hands committed messages to the send jobs (after commit, never before): due ones in batch jobs, delayed ones in
/// batch jobs scheduled for their time; and a send to lists to its fan-out job. Hangfire is only the fast path: the
/// recovery sweep finds the rows if a job is lost.
/// </summary>
public sealed class SendJobDispatcher(IBackgroundJobClient jobs, DueJobPromoter promoter)
{
    /// <summary>
    /// Delayed messages due within this much of each other share one batch job, at the latest of their times. A job
    /// per delayed message made 10,000 delayed sends go out one by one, minutes late (bench/AutomationBench baseline).
    /// </summary>
    public static readonly TimeSpan DelayedGroupWindow = TimeSpan.FromMilliseconds(250);

    public void Dispatch(IReadOnlyList<Message> messages) => Dispatch(Pending.Of(messages));

    /// <summary>Dispatches what <see cref="Pending.Of"/> kept of committed messages (a fan-out holds only this until it ends).</summary>
    public void Dispatch(Pending pending)
    {
        foreach (var chunk in pending.Due.Chunk(SendJob.MaxBatch))
        {
            jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunBatchAsync(chunk, CancellationToken.None));
        }

        foreach (var group in GroupDelayed(pending.Delayed))
        {
            var ids = group.Select(d => d.Id).ToArray();
            var at = group[^1].At;
            var jobId = jobs.Schedule<SendJob>(JobQueues.Send, job => job.RunBatchAsync(ids, CancellationToken.None), at);
            promoter.Add(jobId, JobQueues.Send, at);
        }
    }

    /// <summary>Delayed messages in time order, cut where the window from a group's first one or its size is exceeded.</summary>
    private static IEnumerable<List<(string Id, DateTimeOffset At)>> GroupDelayed(IEnumerable<(string Id, DateTimeOffset At)> delayed)
    {
        var group = new List<(string Id, DateTimeOffset At)>();
        foreach (var item in delayed.OrderBy(d => d.At))
        {
            if (group.Count > 0 && (item.At - group[0].At > DelayedGroupWindow || group.Count == SendJob.MaxBatch))
            {
                yield return group;
                group = [];
            }

            group.Add(item);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>What the send jobs need of committed messages: the due ids, and the delayed ones with their time.</summary>
    public sealed record Pending(List<string> Due, List<(string Id, DateTimeOffset At)> Delayed)
    {
        public static Pending Empty() => new([], []);

        public static Pending Of(IEnumerable<Message> messages)
        {
            var pending = Empty();
            pending.Add(messages);
            return pending;
        }

        public void Add(IEnumerable<Message> messages)
        {
            foreach (var m in messages)
            {
                if (m.Status == MessageStatus.Enqueued)
                {
                    Due.Add(m.Id);
                }
                else if (m.Status == MessageStatus.Delayed && m.NextAttemptAt is { } at)
                {
                    Delayed.Add((m.Id, at));
                }
            }
        }
    }

    public void Expand(string requestId) =>
        jobs.Enqueue<FanOutJob>(JobQueues.Default, job => job.RunAsync(requestId, CancellationToken.None));
}
