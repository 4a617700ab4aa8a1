using System.Threading.Channels;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Calls a round's providers and records their answers while the calls go on, so that a crash leaves unrecorded
/// only what was truly in flight (docs/recovery.md). Finished calls are recorded in groups, one transaction each
/// (<see cref="SendOutcomes"/>): a group is written at the latest <see cref="FlushWithinMs"/> after its first call
/// finished, and at once when every call of the round is over. A fast provider's round thus still takes one outcome
/// transaction (every call is over before the first group is due); the send rate rests on that count, since SQLite
/// lets one writer in at a time. A slow provider's round takes a few. A round that lasts longer than a third of the
/// lease renews the lease of the messages it still holds (<see cref="SendLeases.RenewEvery"/>), so the recovery sweep
/// never takes, and sends again, a message whose call this run is still making or about to make.
/// </summary>
public sealed class OutcomeFlusher(ProviderCaller caller, SendOutcomes outcomes, SendLeases leases, IWriteTransactions writes, TimeProvider time)
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
        NotificationsDbContext db, IReadOnlyList<SendWork> work, string owner, CancellationToken cancellationToken)
    {
        List<string>? ids = null;
        var renewAt = time.GetUtcNow() + leases.RenewEvery;
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
                var now = time.GetUtcNow();
                var wait = due - now;
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
                else if (now >= renewAt)
                {
                    await RenewAsync(db, ids ??= work.Select(w => w.Id).ToList(), owner, cancellationToken);
                    renewAt = time.GetUtcNow() + leases.RenewEvery;
                }
                else
                {
                    var renewIn = renewAt - now;
                    await NextFinishedAsync(finished.Reader, group.Count > 0 && wait < renewIn ? wait : renewIn, cancellationToken);
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

    /// <summary>
    /// One transaction: the run keeps holding the round's messages it still holds — those whose answers are not
    /// stored yet, and those recorded for failover in the next round. A recorded message has let go of its lease, and
    /// one another run took since has another owner: <see cref="SendLeases.ExtendAsync"/> leaves both alone.
    /// </summary>
    private async Task RenewAsync(NotificationsDbContext db, List<string> ids, string owner, CancellationToken cancellationToken)
    {
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        await leases.ExtendAsync(db, ids, owner, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Waits for another call to finish (or the last one), or for the group's or the renewal's time to come.</summary>
    private async Task NextFinishedAsync(ChannelReader<(SendWork, DateTimeOffset)> finished, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var due = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, due.Token);
        try
        {
            await finished.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The group (or the renewal) is due: the caller writes it.
        }
    }
}
