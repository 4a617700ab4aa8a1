using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// Writes transitions: the message row and one history event per step, in one transaction, guarded by the
/// expected previous status so concurrent webhooks, jobs and clicks cannot corrupt the order. Many transitions
/// are written set-based: one guarded UPDATE per kind of move, whatever the number of messages.
/// </summary>
public sealed class MessageStatusWriter(TimeProvider time)
{
    private static readonly (string Alias, string Property)[] Values =
    [
        ("Id", nameof(Message.Id)),
        ("At", nameof(Message.SentAt)),
        ("Provider", nameof(Message.Provider)),
        ("Error", nameof(Message.Error)),
        ("ProviderMessageId", nameof(Message.ProviderMessageId)),
    ];

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

        var ownTransaction = db.Database.CurrentTransaction is null ? await WriteTransaction.BeginAsync(db, cancellationToken) : null;
        try
        {
            var now = time.GetUtcNow();
            foreach (var ((from, to, reason, endsAttempt), members) in moves)
            {
                var steps = MessageStatusMachine.TryTransition(from, to, reason);
                var applied = (await ModelRowUpdater.UpdateAsync<Message>(
                    db,
                    Values,
                    members.Select(i => Row(requests[i], now)).ToList(),
                    SetClause(from, to, steps, endsAttempt),
                    "t.\"Id\" = v.\"Id\" AND t.\"Status\" = @from",
                    nameof(Message.Id),
                    [
                        ("from", nameof(Message.Status), from),
                        ("to", nameof(Message.Status), to),
                        ("reason", nameof(Message.Reason), reason),
                        ("now", nameof(Message.UpdatedAt), now),
                    ],
                    cancellationToken)).ToHashSet(StringComparer.Ordinal);
                foreach (var i in members)
                {
                    var request = requests[i];
                    if (!applied.Contains(request.MessageId))
                    {
                        results[i] = TransitionResult.Conflict;
                        continue;
                    }

                    results[i] = new TransitionResult(TransitionOutcome.Applied, steps);
                    AddEvents(db, request, steps, request.At ?? now);
                }
            }

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

    private static object?[] Row(TransitionRequest request, DateTimeOffset now) =>
        [request.MessageId, request.At ?? now, request.Provider, request.Error, request.ProviderMessageId];

    /// <summary>The SET clause of one kind of move; per-message values come from <c>v</c>.</summary>
    private static string SetClause(MessageStatus from, MessageStatus to, IReadOnlyList<MessageStatus> steps, bool endsAttempt)
    {
        var set = new List<string> { "\"Status\" = @to", "\"UpdatedAt\" = @now" };
        foreach (var step in steps)
        {
            var column = step switch
            {
                MessageStatus.Sent => nameof(Message.SentAt),
                MessageStatus.Delivered => nameof(Message.DeliveredAt),
                MessageStatus.Opened => nameof(Message.OpenedAt),
                MessageStatus.Clicked => nameof(Message.ClickedAt),
                _ => null,
            };
            if (column is not null)
            {
                // The first time counts: a filled-in or repeated step keeps the time it already has.
                set.Add($"\"{column}\" = COALESCE(t.\"{column}\", v.\"At\")");
            }
        }

        if (to is MessageStatus.Undeliverable or MessageStatus.Unroutable or MessageStatus.Canceled)
        {
            set.Add("\"Reason\" = @reason");
            set.Add("\"Error\" = v.\"Error\"");
        }
        else if (from is MessageStatus.Undeliverable or MessageStatus.Unroutable)
        {
            // Succeeded after all: the old reason no longer describes the message (the history keeps it).
            set.Add("\"Reason\" = NULL");
            set.Add("\"Error\" = NULL");
        }

        if (steps[0] == MessageStatus.Sent)
        {
            set.Add("\"Provider\" = COALESCE(v.\"Provider\", t.\"Provider\")");
        }

        if (endsAttempt)
        {
            set.Add("\"NextAttemptAt\" = NULL");
            set.Add("\"LeaseUntil\" = NULL");
            if (to is not (MessageStatus.Undeliverable or MessageStatus.Unroutable or MessageStatus.Canceled))
            {
                set.Add("\"ProviderMessageId\" = v.\"ProviderMessageId\"");
            }
        }

        return string.Join(", ", set);
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
