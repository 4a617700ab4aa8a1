namespace NotificationOps.Engine.Incidents;

/// <summary>What the rules judge, read once per evaluation from the database, Hangfire and the API counters.</summary>
public sealed record HealthSnapshot
{
    public DateTimeOffset At { get; init; }

    public IReadOnlyList<ProviderWindow> Providers { get; init; } = [];

    /// <summary>channel → the ids of its configured providers.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ChannelProviders { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public double OldestDueSeconds { get; init; }

    public long RetryBacklog { get; init; }

    /// <summary>Whether this installation expects a job server (<c>Jobs:ServerEnabled</c>).</summary>
    public bool JobServerExpected { get; init; }

    public int JobServers { get; init; }

    public double TrackingLagSeconds { get; init; }

    public long ApiRequests { get; init; }

    public long ApiServerErrors { get; init; }

    /// <summary>Outbound webhook endpoints disabled after failing every attempt for 5 days, not yet re-enabled or deleted.</summary>
    public IReadOnlyList<string> DisabledWebhookEndpoints { get; init; } = [];
}
