namespace NotificationOps.Engine.Observability;

/// <summary>One reading of the gauges (see <see cref="NotificationMetrics"/>).</summary>
public sealed record GaugeReadings(
    long RetryBacklog,
    double OldestDueSeconds,
    IReadOnlyDictionary<string, long> QueueLengths,
    long FailedJobs,
    int JobServers,
    double TrackingLagSeconds)
{
    public static GaugeReadings Empty { get; } = new(0, 0, new Dictionary<string, long>(), 0, 0, 0);
}
