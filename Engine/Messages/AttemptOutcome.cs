namespace NotificationOps.Engine.Messages;

public enum AttemptOutcome
{
    /// <summary>Started and not finished: in flight, or lost in a crash.</summary>
    Pending = 0,
    Accepted = 1,
    TransientFailure = 2,
    PermanentFailure = 3,
    /// <summary>The process died during the call; the message was sent again.</summary>
    Unknown = 4,
}
