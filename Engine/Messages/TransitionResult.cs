namespace NotificationOps.Engine.Messages;

public enum TransitionOutcome
{
    Applied,
    /// <summary>The status machine does not allow it (backwards, final, too late to cancel) or it changes nothing.</summary>
    NotAllowed,
    /// <summary>The message was no longer in the expected status: someone else moved it first.</summary>
    Conflict,
}

public sealed record TransitionResult(TransitionOutcome Outcome, IReadOnlyList<MessageStatus> Steps)
{
    public bool Applied => Outcome == TransitionOutcome.Applied;

    public static readonly TransitionResult NotAllowed = new(TransitionOutcome.NotAllowed, []);

    public static readonly TransitionResult Conflict = new(TransitionOutcome.Conflict, []);
}
