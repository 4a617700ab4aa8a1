namespace NotificationOps.Engine.Messages;

/// <summary>One tag of one message, so the tag filter is an index seek rather than a scan of a text column.</summary>
public sealed class MessageTag
{
    public required string MessageId { get; set; }

    public required string Tag { get; set; }
}
