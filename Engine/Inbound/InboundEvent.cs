namespace NotificationOps.Engine.Inbound;

/// <summary>A tracked inbound event; its <see cref="MessageId"/> is the sender's and unique, so a repeat is refused.</summary>
public sealed class InboundEvent
{
    public required string MessageId { get; set; }

    public required string Event { get; set; }

    public string? UserId { get; set; }

    public string PropertiesJson { get; set; } = "{}";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>How many automation runs the event started.</summary>
    public int RunsStarted { get; set; }
}
