namespace NotificationOps.Engine.Messages;

public enum MessageOperationOutcome
{
    Done,
    NotFound,
    /// <summary>Not possible in the message's current status; <see cref="MessageOperationResult.Message"/> says why.</summary>
    Refused,
}

public sealed record MessageOperationResult(MessageOperationOutcome Outcome, Message? Record, string? Explanation = null);
