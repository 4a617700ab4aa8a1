namespace NotificationOps.Engine.Messages;

/// <summary>
/// Something that happened to a message and that others may want to hear of (outbound webhooks): a status change
/// (one per step, filled-in steps included) or a tracking hit.
/// </summary>
public sealed record MessageChange(string MessageId, string Event, MessageStatus? Status, DateTimeOffset At)
{
    /// <summary>A status change, Courier's event name.</summary>
    public const string Updated = "message:updated";

    /// <summary>Every stored open hit (each one, not only the first).</summary>
    public const string Opened = "message:opened";

    /// <summary>Every stored click hit.</summary>
    public const string Clicked = "message:clicked";

    /// <summary>A hit flagged as a machine's (prefetch, scanner).</summary>
    public bool Machine { get; init; }

    /// <summary>Details of the event as JSON (a hit's link and machine reason).</summary>
    public string? Detail { get; init; }
}
