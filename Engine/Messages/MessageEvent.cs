namespace NotificationOps.Engine.Messages;

/// <summary>An append-only entry of a message's history.</summary>
public sealed class MessageEvent
{
    public long Id { get; set; }

    public required string MessageId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A status name (ENQUEUED, SENT, ...) for transitions, else what happened (see <see cref="MessageEventTypes"/>).</summary>
    public required string Type { get; set; }

    /// <summary>The status after this event, when it is a transition.</summary>
    public MessageStatus? Status { get; set; }

    /// <summary>Who said so: pipeline, provider, webhook, tracking, operator, api.</summary>
    public required string Source { get; set; }

    public string? Provider { get; set; }

    public string? Detail { get; set; }

    /// <summary>The provider's raw payload, when there is one.</summary>
    public string? Payload { get; set; }
}
