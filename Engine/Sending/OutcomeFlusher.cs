using System.Threading.Channels;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Calls a round's providers and records their answers while the calls go on, so that a crash leaves unrecorded
/// only what was truly in flight (docs/recovery.md). Finished calls are recorded in groups, one transaction each
/// (<see cref="SendOutcomes"/>): a group is written at the latest <see cref="FlushWithinMs"/> after its first call
/// finished, and at once when every call of the round is over. A fast provider's round thus still takes one outcome
/// transaction (every call is over before the first group is due); the send rate rests on that count, since SQLite
/// lets one writer in at a time. A slow provider's round takes a few.
/// </summary>
public sealed class OutcomeFlusher(ProviderCaller caller, SendOutcomes outcomes, TimeProvider time)
{
    /// <summary>The longest a finished call's answer waits for its transaction (plus the time of the one before it).</summary>
    public const int FlushWithinMs = 200;

    private static readonly TimeSpan FlushWithin = TimeSpan.FromMilliseconds(FlushWithinMs);

    /// <summary>
    /// Calls every item of <paramref name="work"/> and records each answer; answers the retries scheduled and the
    /// work that goes on to another round (failover, verdict), collected over every group. One loop writes, so the
    /// round's <paramref name="db"/> (not thread-safe) is only ever used by one group at a time.
    /// </summary>
    internal async Task<(List<ScheduledRetry> Retries, List<SendWork> Next)> CallAndRecordAsync(
        NotificationsDbContext db, IReadOnlyList<SendWork> work, CancellationToken cancellationToken)
    {
        var finished = Channel.CreateUnbounded<(SendWork Item, DateTimeOffset At)>();
        var calls = CallAllAsync(work, finished.Writer, cancellationToken);
        var retries = new List<ScheduledRetry>();
        var next = new List<SendWork>();
        try
        {
            var group = new List<SendWork>();
            var due = DateTimeOffset.MaxValue;
            while (true)
            {
                while (finished.Reader.TryRead(out var done))
                {
                    group.Add(done.Item);
                    due = group.Count == 1 ? done.At + FlushWithin : due;
                }

                var over = finished.Reader.Completion.IsCompleted;
                var wait = due - time.GetUtcNow();
                if (group.Count > 0 && (over || wait <= TimeSpan.Zero))
                {
                    var (scheduled, onward) = await outcomes.RecordAsync(db, group, cancellationToken);
                    retries.AddRange(scheduled);
                    next.AddRange(onward);
                    group = [];
                    due = DateTimeOffset.MaxValue;
                }
                else if (over)
                {
                    break;
                }
                else
                {
                    await NextFinishedAsync(finished.Reader, group.Count > 0 ? wait : null, cancellationToken);
                }
            }
        }
        finally
        {
            // A failed write leaves no call running behind the run's back (their answers then stay unrecorded, as
            // after a crash: the lease expires and the sweep sends them again).
            await calls.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Cut off by shutdown: the calls' cancellation goes up as before, their attempts left for the sweep.
        await calls;
        return (retries, next);
    }

    private async Task CallAllAsync(IReadOnlyList<SendWork> work, ChannelWriter<(SendWork, DateTimeOffset)> finished, CancellationToken cancellationToken)
    {
        try
        {
            await caller.CallAllAsync(work, item => finished.TryWrite((item, time.GetUtcNow())), cancellationToken);
        }
        finally
        {
            finished.TryComplete();
        }
    }

    /// <summary>Waits for another call to finish (or the last one), or for the group's time to come.</summary>
    private async Task NextFinishedAsync(ChannelReader<(SendWork, DateTimeOffset)> finished, TimeSpan? wait, CancellationToken cancellationToken)
    {
        using var due = wait is { } delay ? new CancellationTokenSource(delay, time) : null;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, due?.Token ?? CancellationToken.None);
        try
        {
            await finished.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The group is due: the caller writes it.
        }
    }
}
