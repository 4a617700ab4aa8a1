using Microsoft.EntityFrameworkCore.Query;

namespace NotificationOps.Engine.Messages;

/// <summary>A wish to move one message from <see cref="ExpectedFrom"/> to <see cref="To"/>, with what to record.</summary>
public sealed record TransitionRequest(string MessageId, MessageStatus ExpectedFrom, MessageStatus To, string Source)
{
    public MessageReason? Reason { get; init; }

    public string? Error { get; init; }

    public string? Provider { get; init; }

    public string? Detail { get; init; }

    public string? Payload { get; init; }

    /// <summary>When the signal happened (a provider's event time); now when null.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Other columns to write in the same guarded UPDATE (lease, next attempt, provider ids...).</summary>
    public Action<UpdateSettersBuilder<Message>>? AlsoSet { get; init; }
}
