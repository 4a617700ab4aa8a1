namespace NotificationOps.Engine.Observability;

/// <summary>The stored series (docs/operations.md): what each minute sample holds.</summary>
public static class MetricSeries
{
    /// <summary>Attempts a provider accepted in the minute (label: provider).</summary>
    public const string Sends = "sends";

    /// <summary>Share of a provider's finished attempts that failed, in percent (label: provider).</summary>
    public const string ErrorRate = "error_rate";

    /// <summary>Median seconds from acceptance to SENT of the messages sent in the minute.</summary>
    public const string LatencyP50 = "latency_p50";

    /// <summary>95th percentile of the same.</summary>
    public const string LatencyP95 = "latency_p95";

    /// <summary>Age in seconds of the oldest due message, as last read in the minute.</summary>
    public const string BacklogAge = "backlog_age";

    /// <summary>One instance's /api requests in 10 seconds (label: instance; resolution 10 s, kept two hours).</summary>
    public const string ApiRequests = "api_requests";

    /// <summary>The same instance's 5xx answers in those 10 seconds (stored only when there were some).</summary>
    public const string ApiErrors = "api_errors";
}
