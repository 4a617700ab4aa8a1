using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// Writes transitions: the message row and one history event per step, in one transaction, guarded by the
/// expected previous status so concurrent webhooks, jobs and clicks cannot corrupt the order. Many transitions
/// are written set-based: one guarded UPDATE per kind of move, whatever the number of messages.
/// </summary>
public sealed class MessageStatusWriter(TimeProvider time, IWriteTransactions writes, IEnumerable<IStatusChangeSink> sinks, NotificationMetrics? metrics = null)
{
    /// <summary>
    /// Applies one transition. Joining the caller's transaction, it updates the row at once and adds the history
    /// events to the context for the caller's SaveChanges (so a batch saves once); otherwise it commits alone.
    /// </summary>
    public async Task<TransitionResult> TryTransitionAsync(NotificationsDbContext db, TransitionRequest request, CancellationToken cancellationToken = default) =>
        (await TryTransitionManyAsync(db, [request], cancellationToken))[0];

    /// <summary>
    /// Applies many transitions, each guarded by its own expected status, with one UPDATE per distinct move
    /// (from, to, reason). Answers a result per request, in order. Events are added to the context as for one.
    /// </summary>
    public async Task<IReadOnlyList<TransitionResult>> TryTransitionManyAsync(
        NotificationsDbContext db, IReadOnlyList<TransitionRequest> requests, CancellationToken cancellationToken = default)
    {
        var results = new TransitionResult[requests.Count];
        var moves = new Dictionary<(MessageStatus From, MessageStatus To, MessageReason? Reason, bool EndsAttempt), List<int>>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (MessageStatusMachine.TryTransition(request.ExpectedFrom, request.To, request.Reason).Count == 0)
            {
                results[i] = TransitionResult.NotAllowed;
                continue;
            }

            var key = (request.ExpectedFrom, request.To, request.Reason, request.EndsAttempt);
            if (!moves.TryGetValue(key, out var members))
            {
                moves[key] = members = [];
            }

            members.Add(i);
        }

        if (moves.Count == 0)
        {
            return results;
        }

        var ownTransaction = db.Database.CurrentTransaction is null ? await writes.BeginAsync(db, cancellationToken) : null;
        try
        {
            var now = time.GetUtcNow();
            var changes = new List<MessageChange>();
            foreach (var ((from, to, reason, endsAttempt), members) in moves)
            {
                var steps = MessageStatusMachine.TryTransition(from, to, reason);
                var applied = (await MessageTransitionSql.UpdateAsync(
                    db, from, to, reason, steps, endsAttempt, members.Select(i => requests[i]).ToList(), now, cancellationToken))
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var i in members)
                {
                    var request = requests[i];
                    if (!applied.Contains(request.MessageId))
                    {
                        results[i] = TransitionResult.Conflict;
                        continue;
                    }

                    results[i] = new TransitionResult(TransitionOutcome.Applied, steps);
                    foreach (var step in steps)
                    {
                        metrics?.StatusChanged(step.ToWire());
                    }

                    AddEvents(db, request, steps, request.At ?? now);
                    changes.AddRange(steps.Select(step => new MessageChange(request.MessageId, MessageChange.Updated, step, request.At ?? now)));
                }
            }

            await StatusChangeSinks.WriteAsync(sinks, db, changes, cancellationToken);

            if (ownTransaction is not null)
            {
                if (results.Any(r => r.Applied))
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await ownTransaction.CommitAsync(cancellationToken);
                }
                else
                {
                    await ownTransaction.RollbackAsync(cancellationToken);
                }
            }

            return results;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Ends an attempt without a transition: writes its reason, error and next attempt (and frees the lease) only
    /// while the message is still in the expected status, so a webhook or an operator that moved it meanwhile is
    /// never overwritten. False when it had moved. Joins the caller's transaction like the transitions do.
    /// </summary>
    public async Task<bool> TryEndAttemptAsync(NotificationsDbContext db, AttemptEnd end, CancellationToken cancellationToken = default)
    {
        var ownTransaction = db.Database.CurrentTransaction is null ? await writes.BeginAsync(db, cancellationToken) : null;
        try
        {
            var now = time.GetUtcNow();
            var updated = await db.Messages
                .Where(m => m.Id == end.MessageId && m.Status == end.Status)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.NextAttemptAt, end.NextAttemptAt)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.Reason, m => end.Reason ?? m.Reason)
                    .SetProperty(m => m.Error, end.Error)
                    .SetProperty(m => m.UpdatedAt, now), cancellationToken);
            if (updated == 0)
            {
                return false;
            }

            db.MessageEvents.Add(new MessageEvent
            {
                MessageId = end.MessageId,
                At = now,
                Type = end.EventType,
                Source = end.Source,
                Provider = end.Provider,
                Detail = end.Detail,
                Payload = end.Payload,
            });
            if (ownTransaction is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return true;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private static void AddEvents(NotificationsDbContext db, TransitionRequest request, IReadOnlyList<MessageStatus> steps, DateTimeOffset at)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var filledIn = i < steps.Count - 1;
            db.MessageEvents.Add(new MessageEvent
            {
                MessageId = request.MessageId,
                At = at,
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
    }

    private static string? Describe(TransitionRequest request)
    {
        var reason = request.Reason is { } r ? r.ToWire() : null;
        var parts = new[] { reason, request.Error, request.Detail }.Where(p => !string.IsNullOrEmpty(p));
        var text = string.Join(": ", parts);
        return text.Length == 0 ? null : text;
    }
}
