using static NotificationOps.Engine.Messages.MessageStatus;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// The one place that knows which status may follow which (DESIGN.md, Universal statuses). One transition table
/// in the manner of Hangfire's ChangeState(..., fromStates): <see cref="TryTransition"/> answers the steps to
/// write, including the filled-in ones when a later signal arrives first, or nothing when the move is not
/// allowed. Every other question about statuses (can it still be sent, retried, canceled) is answered from the
/// same table.
/// </summary>
public static class MessageStatusMachine
{
    /// <summary>
    /// Every allowed single move. A <see cref="Move.Progress"/> or <see cref="Move.Reentry"/> edge may be walked
    /// through when a later signal arrives first (the missing steps are filled in); a <see cref="Move.Direct"/>
    /// edge is only ever the whole move. Each status has at most one walkable edge, so the walk is a line.
    /// </summary>
    private static readonly Edge[] Table =
    [
        new(Delayed, Enqueued, Move.Direct), // the delay elapsed; the send itself is a move of its own
        new(Delayed, Canceled, Move.Direct),
        new(Delayed, Undeliverable, Move.Direct),
        new(Delayed, Unroutable, Move.Direct),
        new(Enqueued, Sent, Move.Progress),
        new(Enqueued, Undeliverable, Move.Direct),
        new(Enqueued, Unroutable, Move.Direct),
        new(Enqueued, Canceled, Move.Direct),
        new(Sent, Delivered, Move.Progress),
        new(Sent, Undeliverable, Move.Direct), // a bounce or a provider error
        new(Delivered, Opened, Move.Progress),
        new(Delivered, Undeliverable, Move.Direct, OnlyFor: MessageReason.Bounced), // a late permanent bounce only
        new(Opened, Clicked, Move.Progress),
        // A later attempt, automatic or by hand, that succeeds brings a failed message back onto the progress.
        new(Undeliverable, Sent, Move.Reentry),
        new(Unroutable, Sent, Move.Reentry),
    ];

    private static readonly MessageStatus[] All = Enum.GetValues<MessageStatus>();

    /// <summary>Statuses a send attempt may start from (a move to SENT is allowed), for queries over many rows.</summary>
    public static IReadOnlyList<MessageStatus> SendableStatuses { get; } = All.Where(CanSend).ToArray();

    /// <summary>
    /// The statuses to write, in order, to move from <paramref name="from"/> to <paramref name="to"/>; empty when
    /// the move is not allowed (backwards, out of a final status, or CANCELED too late) or changes nothing.
    /// </summary>
    public static IReadOnlyList<MessageStatus> TryTransition(MessageStatus from, MessageStatus to, MessageReason? reason = null)
    {
        if (from == to)
        {
            return [];
        }

        if (Find(from, to) is { } direct)
        {
            return direct.Allows(reason) ? [to] : [];
        }

        // A later signal first: walk the progress, filling in each step, until it reaches the target.
        var steps = new List<MessageStatus>();
        for (var at = from; Walkable(at) is { } edge; at = edge.To)
        {
            steps.Add(edge.To);
            if (edge.To == to)
            {
                return steps;
            }
        }

        return [];
    }

    public static bool CanTransition(MessageStatus from, MessageStatus to, MessageReason? reason = null) =>
        TryTransition(from, to, reason).Count > 0;

    /// <summary>A send attempt may start: the message is waiting for one, or failed and may be tried again.</summary>
    public static bool CanSend(MessageStatus status) => TryTransition(status, Sent) is [Sent];

    /// <summary>A failed message that a new attempt (a retry by hand) can bring back onto the progress.</summary>
    public static bool IsRetryableFailure(MessageStatus status) => Table.Any(e => e.From == status && e.Kind == Move.Reentry);

    /// <summary>Statuses from which a message can still be canceled.</summary>
    public static bool IsCancelable(MessageStatus status) => CanTransition(status, Canceled);

    /// <summary>ENQUEUED after a failed attempt, with the next one scheduled.</summary>
    public static bool IsRetryPending(Message message) =>
        message.Status == Enqueued && message.AttemptCount > 0 && message.NextAttemptAt is not null;

    /// <summary>An operator may ask for an attempt now: the message failed, or waits for its next retry.</summary>
    public static bool CanRetry(Message message) => IsRetryableFailure(message.Status) || IsRetryPending(message);

    private static Edge? Find(MessageStatus from, MessageStatus to) => Table.FirstOrDefault(e => e.From == from && e.To == to);

    private static Edge? Walkable(MessageStatus from) => Table.FirstOrDefault(e => e.From == from && e.Kind != Move.Direct);

    private enum Move
    {
        /// <summary>One step along ENQUEUED → SENT → DELIVERED → OPENED → CLICKED.</summary>
        Progress,
        /// <summary>Back onto the progress from a failure; walked like progress.</summary>
        Reentry,
        /// <summary>Allowed only as the whole move, never walked through.</summary>
        Direct,
    }

    private sealed record Edge(MessageStatus From, MessageStatus To, Move Kind, MessageReason? OnlyFor = null)
    {
        public bool Allows(MessageReason? reason) => OnlyFor is null || OnlyFor == reason;
    }
}
