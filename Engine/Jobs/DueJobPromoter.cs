using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Jobs;

/// <summary>
/// Enqueues a scheduled Hangfire job at its due time from an in-process timer. Hangfire itself moves scheduled jobs
/// to their queue only at its next schedule poll (every second here), so a delay ends up to a second late, half a
/// second on average: too much for a step that is due to the second. The move is Hangfire's own state change,
/// guarded by the expected state (Scheduled), so whichever of this timer and Hangfire's poll comes first enqueues the
/// job and the other does nothing. Nothing depends on it: were the process to die, Hangfire's poll (persistent
/// storage) or the recovery sweep (rows) still run the job; it only makes it punctual.
/// </summary>
public sealed class DueJobPromoter(IBackgroundJobClient jobs, TimeProvider time, ILogger<DueJobPromoter> logger) : BackgroundService
{
    /// <summary>Further ahead, a second of lateness no longer matters, and the timer does not keep it in memory.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(1);

    /// <summary>Beyond this many waiting jobs, new ones are left to Hangfire's poll: memory stays bounded.</summary>
    public const int MaxWaiting = 200_000;

    private readonly PriorityQueue<(string JobId, string Queue), DateTimeOffset> waiting = new();
    private CancellationTokenSource? sleeping;
    private DateTimeOffset wakeAt = DateTimeOffset.MaxValue;

    /// <summary>The number of jobs waiting for their time here.</summary>
    public int Count
    {
        get
        {
            lock (waiting)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>Enqueues the scheduled job <paramref name="jobId"/> on <paramref name="queue"/> at <paramref name="due"/>, if it is still scheduled then.</summary>
    public void Add(string jobId, string queue, DateTimeOffset due)
    {
        lock (waiting)
        {
            if (due - time.GetUtcNow() > Horizon || waiting.Count >= MaxWaiting)
            {
                return;
            }

            waiting.Enqueue((jobId, queue), due);
            if (due < wakeAt)
            {
                sleeping?.Cancel(); // sleeping past this one's time: wake up and sleep again until it
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var ready = new List<(string JobId, string Queue)>();
            TimeSpan wait;
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            lock (waiting)
            {
                var now = time.GetUtcNow();
                while (waiting.TryPeek(out var job, out var due) && due <= now)
                {
                    waiting.Dequeue();
                    ready.Add(job);
                }

                wait = waiting.TryPeek(out _, out var next) ? next - now : Timeout.InfiniteTimeSpan;
                wakeAt = ready.Count > 0 ? DateTimeOffset.MinValue : waiting.Count > 0 ? next : DateTimeOffset.MaxValue;
                sleeping = wake;
            }

            try
            {
                if (ready.Count > 0)
                {
                    Promote(ready);
                }
                else
                {
                    await Task.Delay(wait, time, wake.Token);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Woken by an earlier job.
            }
            finally
            {
                lock (waiting)
                {
                    sleeping = null; // before it is disposed: Add must not cancel a disposed source
                    wakeAt = DateTimeOffset.MinValue;
                }
            }
        }
    }

    private void Promote(List<(string JobId, string Queue)> ready)
    {
        foreach (var (jobId, queue) in ready)
        {
            try
            {
                jobs.ChangeState(jobId, new EnqueuedState(queue) { Reason = "Due (in-process timer)" }, ScheduledState.StateName);
            }
            catch (Exception ex)
            {
                // Hangfire's own poll still enqueues it a moment later.
                logger.LogDebug(ex, "Could not enqueue scheduled job {JobId} at its due time", jobId);
            }
        }
    }
}
