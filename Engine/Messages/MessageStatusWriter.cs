using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// Writes transitions: the message row and one history event per step, in one transaction, guarded by the
/// expected previous status so concurrent webhooks, jobs and clicks cannot corrupt the order.
/// </summary>
public sealed class MessageStatusWriter(TimeProvider time)
{
    /// <summary>
    /// Applies one transition. Joining the caller's transaction, it updates the row at once and adds the history
    /// events to the context for the caller's SaveChanges (so a batch saves once); otherwise it commits alone.
    /// </summary>
    public async Task<TransitionResult> TryTransitionAsync(NotificationsDbContext db, TransitionRequest request, CancellationToken cancellationToken = default)
    {
        var steps = MessageStatusMachine.TryTransition(request.To, request.ExpectedFrom, request.Reason);
        if (steps.Count == 0)
        {
            return TransitionResult.NotAllowed;
        }

        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var now = request.At ?? time.GetUtcNow();
            var updated = await db.Messages
                .Where(m => m.Id == request.MessageId && m.Status == request.ExpectedFrom)
                .ExecuteUpdateAsync(set =>
                {
                    set.SetProperty(m => m.Status, request.To);
                    set.SetProperty(m => m.UpdatedAt, time.GetUtcNow());
                    foreach (var step in steps)
                    {
                        switch (step)
                        {
                            case MessageStatus.Sent:
                                set.SetProperty(m => m.SentAt, m => m.SentAt ?? now);
                                break;
                            case MessageStatus.Delivered:
                                set.SetProperty(m => m.DeliveredAt, m => m.DeliveredAt ?? now);
                                break;
                            case MessageStatus.Opened:
                                set.SetProperty(m => m.OpenedAt, m => m.OpenedAt ?? now);
                                break;
                            case MessageStatus.Clicked:
                                set.SetProperty(m => m.ClickedAt, m => m.ClickedAt ?? now);
                                break;
                        }
                    }

                    if (request.To is MessageStatus.Undeliverable or MessageStatus.Unroutable or MessageStatus.Canceled)
                    {
                        set.SetProperty(m => m.Reason, request.Reason);
                        set.SetProperty(m => m.Error, request.Error);
                    }
                    else if (request.ExpectedFrom is MessageStatus.Undeliverable or MessageStatus.Unroutable)
                    {
                        // Succeeded after all: the old reason no longer describes the message (the history keeps it).
                        set.SetProperty(m => m.Reason, (MessageReason?)null);
                        set.SetProperty(m => m.Error, (string?)null);
                    }

                    if (request.Provider is not null && steps[0] == MessageStatus.Sent)
                    {
                        set.SetProperty(m => m.Provider, request.Provider);
                    }

                    request.AlsoSet?.Invoke(set);
                }, cancellationToken);

            if (updated == 0)
            {
                if (ownTransaction is not null)
                {
                    await ownTransaction.RollbackAsync(cancellationToken);
                }

                return TransitionResult.Conflict;
            }

            for (var i = 0; i < steps.Count; i++)
            {
                var filledIn = i < steps.Count - 1;
                db.MessageEvents.Add(new MessageEvent
                {
                    MessageId = request.MessageId,
                    At = now,
                    Type = steps[i].ToWire(),
                    Status = steps[i],
                    Source = request.Source,
                    Provider = request.Provider,
                    Detail = filledIn
                        ? $"Filled in: {request.To.ToWire()} arrived before {steps[i].ToWire()}."
                        : Describe(request),
                    // The raw payload belongs to the event that carried it, not to the filled-in steps.
                    Payload = filledIn ? null : request.Payload,
                });
            }

            if (ownTransaction is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return new TransitionResult(TransitionOutcome.Applied, steps);
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private static string? Describe(TransitionRequest request)
    {
        var reason = request.Reason is { } r ? r.ToWire() : null;
        var parts = new[] { reason, request.Error, request.Detail }.Where(p => !string.IsNullOrEmpty(p));
        var text = string.Join(": ", parts);
        return text.Length == 0 ? null : text;
    }
}
