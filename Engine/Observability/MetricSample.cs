namespace NotificationOps.Engine.Observability;

/// <summary>
/// One stored metric value for a minute (kept a day) or an hour (kept 90 days), so charts and uptime survive a
/// restart without an external time-series store.
/// </summary>
public sealed class MetricSample
{
    public long Id { get; set; }

    /// <summary>One of <see cref="MetricSeries"/>.</summary>
    public required string Name { get; set; }

    /// <summary>The label value (a provider id), or empty.</summary>
    public required string Label { get; set; }

    /// <summary>60 for a minute sample, 3600 for an hour sample.</summary>
    public int ResolutionSeconds { get; set; }

    public DateTimeOffset BucketStart { get; set; }

    public double Value { get; set; }
}
