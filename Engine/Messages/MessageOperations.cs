using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Messages;

/// <summary>What an operator (through the API or the dashboard) can do to a message: cancel it, retry it now.</summary>
public sealed class MessageOperations(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    MessageStatusWriter writer,
    RetrySchedule retries,
    IBackgroundJobClient jobs,
    IWriteTransactions writes,
    TimeProvider time)
{
    public async Task<MessageOperationResult> CancelAsync(string id, string source, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return new MessageOperationResult(MessageOperationOutcome.NotFound, null);
        }

        if (!MessageStatusMachine.IsCancelable(message.Status))
        {
            return new MessageOperationResult(MessageOperationOutcome.Refused, message,
                $"A {message.Status.ToWire()} message cannot be canceled; only ENQUEUED or DELAYED ones can.");
        }

        var result = await writer.TryTransitionAsync(db, new TransitionRequest(id, message.Status, MessageStatus.Canceled, source)
        {
            Detail = "Canceled on request.",
            EndsAttempt = true,
        }, cancellationToken);
        var current = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        return result.Applied
            ? new MessageOperationResult(MessageOperationOutcome.Done, current)
            : new MessageOperationResult(MessageOperationOutcome.Refused, current, $"The message became {current.Status.ToWire()} meanwhile.");
    }

    /// <summary>
    /// A new attempt now: for an UNDELIVERABLE or UNROUTABLE message (routing starts over with a fresh retry
    /// budget), or an ENQUEUED one waiting for its next retry.
    /// </summary>
    public async Task<MessageOperationResult> RetryAsync(string id, string source, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return new MessageOperationResult(MessageOperationOutcome.NotFound, null);
        }

        var now = time.GetUtcNow();
        var failed = MessageStatusMachine.IsRetryableFailure(message.Status);
        if (!MessageStatusMachine.CanRetry(message))
        {
            return new MessageOperationResult(MessageOperationOutcome.Refused, message,
                $"A {message.Status.ToWire()} message cannot be retried; only UNDELIVERABLE, UNROUTABLE, or ENQUEUED with a pending retry.");
        }

        if (!MessageLease.IsUnheld(message, now))
        {
            return new MessageOperationResult(MessageOperationOutcome.Refused, message, "An attempt is in progress right now.");
        }

        var budget = retries.BudgetFrom(now);
        var expectedStatus = message.Status;
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var updated = await db.Messages
            .Where(m => m.Id == id && m.Status == expectedStatus)
            .Where(MessageLease.Unheld(now))
            .ExecuteUpdateAsync(set =>
            {
                set.SetProperty(m => m.NextAttemptAt, now);
                set.SetProperty(m => m.UpdatedAt, now);
                if (failed)
                {
                    set.SetProperty(m => m.RouteChannelIndex, 0);
                    set.SetProperty(m => m.RouteProviderIndex, 0);
                    set.SetProperty(m => m.RetryBudgetUntil, budget);
                    set.SetProperty(m => m.ExpiresAt, (DateTimeOffset?)null);
                }
            }, cancellationToken);
        if (updated == 0)
        {
            return new MessageOperationResult(MessageOperationOutcome.Refused, message, "The message changed meanwhile; reload and try again.");
        }

        db.MessageEvents.Add(new MessageEvent
        {
            MessageId = id,
            At = now,
            Type = MessageEventTypes.RetryRequested,
            Source = source,
            Detail = failed
                ? $"Retry requested while {expectedStatus.ToWire()}: routing starts over with a new retry budget (until {EventTime.Utc(budget)})."
                : "Retry requested: the next attempt is now instead of at its scheduled time.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunAsync(id, CancellationToken.None));
        var current = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        return new MessageOperationResult(MessageOperationOutcome.Done, current);
    }
}
