using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// What a failed attempt leads to (DESIGN.md, Retries): a scheduled retry while the budget lasts, else failover
/// to the next provider or channel, else the verdict (UNDELIVERABLE or UNROUTABLE). Every write of the message's
/// reason or error goes through the guarded <see cref="MessageStatusWriter"/>.
/// </summary>
public sealed class SendFailures(DeliveryPlanner planner, MessageStatusWriter writer, RetrySchedule retries, IWriteTransactions writes, TimeProvider time)
{
    /// <summary>
    /// In the caller's transaction: records a failed attempt. Answers the retry when one is scheduled; otherwise
    /// moves <paramref name="item"/> on to its next provider, or to its verdict when none is left.
    /// </summary>
    internal async Task<ScheduledRetry?> RecordAsync(NotificationsDbContext db, SendWork item, CancellationToken cancellationToken)
    {
        var (target, attempt, result) = (item.Target!, item.Attempt!, item.Result!);
        var provider = target.Provider.Id;
        var number = attempt.Number;
        var error = $"{result.ErrorClass ?? ErrorClasses.Unknown}: {result.Error ?? "no detail"}";
        string why;
        if (result.Outcome == ProviderOutcome.TransientFailure)
        {
            var budget = item.Message.RetryBudgetUntil ?? retries.BudgetFrom(item.Message.EnqueuedAt);
            if (retries.NextAttempt(number, result.RetryAfter, budget) is { } next)
            {
                var scheduled = await writer.TryEndAttemptAsync(db, new AttemptEnd(item.Id, item.Message.Status, MessageEventTypes.RetryScheduled, MessageEventSources.Pipeline)
                {
                    Error = SendNotes.Truncate(error, SendNotes.MaxError),
                    NextAttemptAt = next,
                    Provider = provider,
                    Detail = SendNotes.Truncate(
                        $"Attempt {number} via {provider} failed ({error}). Next attempt at {EventTime.Utc(next)}{(result.RetryAfter is { } ra ? $" (Retry-After {ra.TotalSeconds:0} s)" : "")}.",
                        SendNotes.MaxDetail),
                    Payload = SendNotes.Truncate(result.ResponseBody),
                }, cancellationToken);
                if (scheduled)
                {
                    return new ScheduledRetry(item.Id, next, error);
                }

                // Moved on while we were sending (canceled, say): nothing to retry.
                await MovedOnAsync(db, item, $"Attempt {number} via {provider} failed ({error})", cancellationToken);
                item.Target = null;
                return null;
            }

            SendNotes.Add(db, time.GetUtcNow(), item.Id, MessageEventTypes.AttemptFailed, provider,
                $"Attempt {number} via {provider} failed ({error}); the retry budget (until {EventTime.Utc(budget)}) is spent.", result.ResponseBody);
            item.FailureReason = MessageReason.Failed;
            why = "retry budget spent";
        }
        else
        {
            SendNotes.Add(db, time.GetUtcNow(), item.Id, MessageEventTypes.AttemptFailed, provider,
                $"Attempt {number} via {provider} failed permanently ({error}).", result.ResponseBody);
            item.FailureReason = MessageReason.ProviderError;
            why = "permanent error";
        }

        if (planner.DescribeNext(item.Plan, target) is { } described)
        {
            SendNotes.Add(db, time.GetUtcNow(), item.Id, MessageEventTypes.Failover, provider, $"{provider} failed ({why}): {error}. Trying {described}.");
        }

        item.SawProvider = true;
        item.LastError = error;
        item.GoTo(planner.Next(item.Plan, target.ChannelIndex, target.ProviderIndex + 1));
        return null;
    }

    /// <summary>
    /// Writes the verdict of a message the run holds: the transition from the status the run took it in. Already
    /// in that status (a retry by hand that failed again), the attempt ends with the new reason. Moved on meanwhile
    /// (a webhook, a cancel), it is left as it is: the verdict is only noted, never written over it.
    /// </summary>
    internal async Task FailAsync(NotificationsDbContext db, SendWork item, CancellationToken cancellationToken)
    {
        var (to, reason, rawError) = item.Verdict!.Value;
        var error = SendNotes.Truncate(rawError, SendNotes.MaxError)!;
        var taken = item.Message.Status;
        var result = await writer.TryTransitionAsync(db, new TransitionRequest(item.Id, taken, to, MessageEventSources.Pipeline)
        {
            Reason = reason,
            Error = error,
            EndsAttempt = true,
        }, cancellationToken);
        if (result.Applied)
        {
            return;
        }

        if (result.Outcome == TransitionOutcome.NotAllowed && await writer.TryEndAttemptAsync(db, new AttemptEnd(item.Id, taken, taken.ToWire(), MessageEventSources.Pipeline)
            {
                Reason = reason,
                Error = error,
                Detail = SendNotes.Truncate($"Still {taken.ToWire()}: {reason.ToWire()}: {rawError}", SendNotes.MaxDetail),
            }, cancellationToken))
        {
            return;
        }

        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        await MovedOnAsync(db, item, $"{to.ToWire()} ({reason.ToWire()}: {error})", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The attempt is over but the message had meanwhile moved on: free it and say so in the history.</summary>
    internal async Task MovedOnAsync(NotificationsDbContext db, SendWork item, string outcome, CancellationToken cancellationToken)
    {
        var current = await db.Messages.AsNoTracking().Where(m => m.Id == item.Id).Select(m => m.Status).SingleAsync(cancellationToken);
        await SendLeases.ReleaseAsync(db, item.Id, cancellationToken);
        SendNotes.Add(db, time.GetUtcNow(), item.Id, MessageEventTypes.Ignored, item.Target?.Provider.Id,
            $"Attempt {item.Message.AttemptCount} ended in {outcome}, but the message had meanwhile become {current.ToWire()}.");
    }
}
