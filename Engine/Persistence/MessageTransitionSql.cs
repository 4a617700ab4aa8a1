using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// The guarded UPDATE of one kind of move (from, to, reason) for many messages: each row's values travel in a
/// VALUES list, and only rows still in the expected status change. Used by <see cref="MessageStatusWriter"/>.
/// </summary>
public static class MessageTransitionSql
{
    private static readonly (string Alias, string Property)[] Values =
    [
        ("Id", nameof(Message.Id)),
        ("At", nameof(Message.SentAt)),
        ("Provider", nameof(Message.Provider)),
        ("Error", nameof(Message.Error)),
        ("ProviderMessageId", nameof(Message.ProviderMessageId)),
    ];

    /// <summary>Runs the move for <paramref name="requests"/> and answers the ids of the messages it applied to.</summary>
    public static Task<List<string>> UpdateAsync(
        DbContext db, MessageStatus from, MessageStatus to, MessageReason? reason, IReadOnlyList<MessageStatus> steps, bool endsAttempt,
        IReadOnlyList<TransitionRequest> requests, DateTimeOffset now, CancellationToken cancellationToken) =>
        ModelRowUpdater.UpdateAsync<Message>(
            db,
            Values,
            requests.Select(r => new object?[] { r.MessageId, r.At ?? now, r.Provider, r.Error, r.ProviderMessageId }).ToList(),
            SetClause(from, to, steps, endsAttempt),
            "t.\"Id\" = v.\"Id\" AND t.\"Status\" = @from",
            nameof(Message.Id),
            [
                ("from", nameof(Message.Status), from),
                ("to", nameof(Message.Status), to),
                ("reason", nameof(Message.Reason), reason),
                ("now", nameof(Message.UpdatedAt), now),
            ],
            cancellationToken);

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

        var final = to is MessageStatus.Undeliverable or MessageStatus.Unroutable or MessageStatus.Canceled;
        if (final)
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
            if (!final)
            {
                set.Add("\"ProviderMessageId\" = v.\"ProviderMessageId\"");
            }
        }

        return string.Join(", ", set);
    }
}
