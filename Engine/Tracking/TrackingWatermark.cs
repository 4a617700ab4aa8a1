namespace NotificationOps.Engine.Tracking;

/// <summary>How far the aggregation has read one append-only source (history events, tracking hits).</summary>
public sealed class TrackingWatermark
{
    public required string Source { get; set; }

    /// <summary>The highest id already counted; rows above it are new.</summary>
    public long LastId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public const string MessageEvents = "message_events";
    public const string TrackingHits = "tracking_hits";
}
