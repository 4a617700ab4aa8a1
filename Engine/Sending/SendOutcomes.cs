using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Simulated;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Records answers of a round in one transaction — all of them, or a group finished while others are still being
/// called (<see cref="OutcomeFlusher"/>): every attempt row, every transition. Accepted messages (nearly
/// all) move to SENT together, set-based, with an immediate simulated receipt in the same commit; a failure goes
/// to <see cref="SendFailures"/> for a retry, failover or the verdict.
/// </summary>
public sealed class SendOutcomes(
    MessageStatusWriter writer, SendFailures failures, IBackgroundJobClient jobs, IWriteTransactions writes, TimeProvider time, NotificationMetrics? metrics = null)
{
    /// <summary>Answers the retries scheduled and the work that goes on to another round (failover, verdict).</summary>
    internal async Task<(List<ScheduledRetry> Retries, List<SendWork> Next)> RecordAsync(
        NotificationsDbContext db, IReadOnlyList<SendWork> work, CancellationToken cancellationToken)
    {
        var retries = new List<ScheduledRetry>();
        var next = new List<SendWork>();
        var after = new List<Action>();
        var pending = new List<SimulatedReceipt>();
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            await AttemptRecorder.FinishAsync(db, work, time.GetUtcNow(), cancellationToken);

            var accepted = work.Where(w => w.Result!.Succeeded).ToList();
            var requests = accepted.Select(Accepted).ToList();
            var transitions = await writer.TryTransitionManyAsync(db, requests, cancellationToken);
            var receipts = new List<TransitionRequest>();
            for (var k = 0; k < accepted.Count; k++)
            {
                // The status we leased it in is almost always still the status; only a cancel can have moved it.
                if ((transitions[k].Applied || await AcceptLateAsync(db, accepted[k], requests[k], cancellationToken))
                    && Receipt(accepted[k], pending, after) is { } receipt)
                {
                    receipts.Add(receipt);
                }
            }

            // An immediate simulated receipt is written with the acceptance: one commit, two events. A later one
            // is a row in the same commit, so it outlives a crash before its job runs.
            await writer.TryTransitionManyAsync(db, receipts, cancellationToken);
            await ModelRowInserter.InsertAsync(db, pending, cancellationToken);

            foreach (var item in work.Where(w => !w.Result!.Succeeded))
            {
                if (await failures.RecordAsync(db, item, cancellationToken) is { } retry)
                {
                    retries.Add(retry);
                }
                else if (item.Target is not null || item.Verdict is not null)
                {
                    next.Add(item);
                }
            }

            // The history events, appended as multi-row INSERTs rather than one statement each.
            await ModelRowInserter.FlushAddedAsync<MessageEvent>(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        after.ForEach(action => action());
        Measure(work);
        return (retries, next);
    }

    /// <summary>The round's attempts, counted once committed; an accepted first send also times acceptance → SENT.</summary>
    private void Measure(IReadOnlyList<SendWork> work)
    {
        if (metrics is null)
        {
            return;
        }

        foreach (var item in work.Where(w => w.Attempt is not null && w.Target is not null))
        {
            metrics.Attempt(item.Attempt!.Provider, item.Attempt.Channel, item.Attempt.Outcome.ToString().ToLowerInvariant());
            if (item.Attempt.Outcome == AttemptOutcome.Accepted && item.Attempt.FinishedAt is { } finished)
            {
                metrics.Sent(item.Attempt.Channel, finished - item.Message.EnqueuedAt);
            }
        }
    }

    /// <summary>SENT (or DELIVERED, when the provider's answer is a delivery) for an accepted attempt.</summary>
    private static TransitionRequest Accepted(SendWork item)
    {
        var (target, attempt, result) = (item.Target!, item.Attempt!, item.Result!);
        return new(item.Id, item.Message.Status, result.Outcome == ProviderOutcome.Delivered ? MessageStatus.Delivered : MessageStatus.Sent, MessageEventSources.Pipeline)
        {
            Provider = target.Provider.Id,
            Detail = $"Attempt {attempt.Number}: accepted by {target.Provider.Id} ({target.Channel}) in {(attempt.FinishedAt!.Value - attempt.StartedAt).TotalMilliseconds:0} ms.",
            Payload = SendNotes.Truncate(result.ResponseBody),
            At = attempt.FinishedAt,
            EndsAttempt = true,
            ProviderMessageId = result.ProviderMessageId,
        };
    }

    /// <summary>
    /// The acceptance found the message in another status than it was leased in (a cancel, say): applies it from
    /// the current one if allowed, else records that the provider has it anyway. True when it was applied.
    /// </summary>
    private async Task<bool> AcceptLateAsync(NotificationsDbContext db, SendWork item, TransitionRequest accepted, CancellationToken cancellationToken)
    {
        var current = await db.Messages.AsNoTracking().Where(m => m.Id == item.Id).Select(m => m.Status).SingleAsync(cancellationToken);
        if ((await writer.TryTransitionAsync(db, accepted with { ExpectedFrom = current }, cancellationToken)).Applied)
        {
            return true;
        }

        // Canceled or moved on while we were sending: the provider has it anyway; say so in the history.
        await SendLeases.ReleaseAsync(db, item.Id, cancellationToken);
        SendNotes.Add(db, time.GetUtcNow(), item.Id, MessageEventTypes.Ignored, accepted.Provider,
            $"Attempt {item.Message.AttemptCount} was accepted by {accepted.Provider}, but the message had meanwhile become {current.ToWire()}.");
        return false;
    }

    /// <summary>
    /// The simulated provider's delivery receipt for an accepted message: the transition to write with the
    /// acceptance when it is immediate; otherwise a <see cref="SimulatedReceipt"/> row due after the delay, whose
    /// job is scheduled after the commit. Null when nothing is to be written now.
    /// </summary>
    private TransitionRequest? Receipt(SendWork item, List<SimulatedReceipt> pending, List<Action> after)
    {
        if (item.Result!.Outcome != ProviderOutcome.Accepted || item.Target!.Provider is not SimulatedProvider simulated
            || item.Result.ProviderMessageId is not { } providerMessageId)
        {
            return null;
        }

        if (simulated.Options.DeliveryDelayMs == 0)
        {
            return SimulatedReceiptJob.Receipt(item.Id, simulated.Id, providerMessageId);
        }

        var id = item.Id;
        var delay = TimeSpan.FromMilliseconds(simulated.Options.DeliveryDelayMs);
        pending.Add(new SimulatedReceipt { MessageId = id, Provider = simulated.Id, ProviderMessageId = providerMessageId, DueAt = item.Attempt!.FinishedAt!.Value + delay });
        after.Add(() => jobs.Schedule<SimulatedReceiptJob>(JobQueues.Send, job => job.RunAsync(id, providerMessageId, CancellationToken.None), delay));
        return null;
    }
}
