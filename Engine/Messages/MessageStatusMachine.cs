namespace NotificationOps.Engine.Messages;

/// <summary>
/// The one place that knows which status may follow which (DESIGN.md, Universal statuses). A transition table in
/// the manner of Hangfire's ChangeState(..., fromStates): <see cref="TryTransition"/> answers the steps to write,
/// including the filled-in ones when a later signal arrives first, or nothing when the move is not allowed.
/// </summary>
public static class MessageStatusMachine
{
    /// <summary>The linear progress; a status never goes back along it and is never skipped.</summary>
    private static readonly MessageStatus[] Progress =
        [MessageStatus.Enqueued, MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Opened, MessageStatus.Clicked];

    /// <summary>Direct moves allowed besides walking forward along <see cref="Progress"/>.</summary>
    private static readonly Dictionary<MessageStatus, MessageStatus[]> Table = new()
    {
        [MessageStatus.Delayed] = [MessageStatus.Enqueued, MessageStatus.Canceled, MessageStatus.Undeliverable, MessageStatus.Unroutable],
        [MessageStatus.Enqueued] = [MessageStatus.Undeliverable, MessageStatus.Unroutable, MessageStatus.Canceled],
        [MessageStatus.Sent] = [MessageStatus.Undeliverable],
        [MessageStatus.Delivered] = [MessageStatus.Undeliverable], // a late permanent bounce only, see Allows
        [MessageStatus.Opened] = [],
        [MessageStatus.Clicked] = [],
        // A later attempt, automatic or by hand, that succeeds brings a failed message back onto the progress.
        [MessageStatus.Undeliverable] = [MessageStatus.Sent],
        [MessageStatus.Unroutable] = [MessageStatus.Sent],
        [MessageStatus.Canceled] = [],
        [MessageStatus.Simulated] = [],
    };

    /// <summary>
    /// The statuses to write, in order, to move from <paramref name="from"/> to <paramref name="to"/>; empty when
    /// the move is not allowed (backwards, out of a final status, or CANCELED too late) or changes nothing.
    /// </summary>
    public static IReadOnlyList<MessageStatus> TryTransition(MessageStatus to, MessageStatus from, MessageReason? reason = null)
    {
        if (to == from || !Allows(from, to, reason))
        {
            return [];
        }

        var fromRank = Rank(from);
        var toRank = Rank(to);
        if (toRank < 0)
        {
            return [to];
        }

        // Off the progress (UNDELIVERABLE, UNROUTABLE) a success re-enters at SENT; DELAYED enters at ENQUEUED.
        var start = fromRank >= 0 ? fromRank + 1 : (from == MessageStatus.Delayed ? 0 : 1);
        return Progress[start..(toRank + 1)];
    }

    public static bool CanTransition(MessageStatus from, MessageStatus to, MessageReason? reason = null) =>
        TryTransition(to, from, reason).Count > 0;

    /// <summary>Statuses from which a message can still be canceled.</summary>
    public static bool IsCancelable(MessageStatus status) => status is MessageStatus.Enqueued or MessageStatus.Delayed;

    private static bool Allows(MessageStatus from, MessageStatus to, MessageReason? reason)
    {
        if (from == MessageStatus.Delivered && to == MessageStatus.Undeliverable)
        {
            return reason == MessageReason.Bounced;
        }

        var fromRank = Rank(from);
        var toRank = Rank(to);
        if (toRank >= 0)
        {
            if (fromRank >= 0)
            {
                return toRank > fromRank;
            }

            // From DELAYED only to ENQUEUED; from UNDELIVERABLE/UNROUTABLE to SENT and beyond (filled in via SENT).
            return from switch
            {
                MessageStatus.Delayed => to == MessageStatus.Enqueued,
                MessageStatus.Undeliverable or MessageStatus.Unroutable => toRank >= Rank(MessageStatus.Sent),
                _ => false,
            };
        }

        return Table.TryGetValue(from, out var targets) && targets.Contains(to);
    }

    private static int Rank(MessageStatus status) => Array.IndexOf(Progress, status);
}
