namespace NotificationOps.Engine.Tracking;

/// <summary>
/// Hits of one token (message, kind, link) in one minute beyond <c>Tracking:MaxHitsPerTokenPerMinute</c>: counted
/// here instead of stored one row each, so a pixel fetched thousands of times costs one row, not thousands, and
/// every hit still reaches the analytics.
/// </summary>
public sealed class TrackingHitOverflow
{
    public long Id { get; set; }

    public required string MessageId { get; set; }

    public TrackingHitKind Kind { get; set; }

    /// <summary>The clicked link; empty for opens (a key column, so never null).</summary>
    public string LinkId { get; set; } = "";

    /// <summary>The start of the UTC minute the hits arrived in.</summary>
    public DateTimeOffset Minute { get; set; }

    public bool Machine { get; set; }

    /// <summary>Hits counted here.</summary>
    public long Count { get; set; }

    /// <summary>How many of them the aggregation has rolled up; it adds <c>Count - Aggregated</c> and moves this up.</summary>
    public long Aggregated { get; set; }
}
