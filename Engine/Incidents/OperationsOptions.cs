using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Incidents;

/// <summary>Health rules, incidents and their evaluation (section <c>Operations</c>; docs/operations.md).</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>How often the rules run (a recurring job; up to 59 a step within each minute, 60 once a minute).</summary>
    [Range(1, 60)]
    public int EvaluationSeconds { get; set; } = 15;

    /// <summary>How long a component must stay healthy before its incident moves from monitoring to resolved.</summary>
    [Range(0, 86400)]
    public int ResolveAfterSeconds { get; set; } = 300;

    /// <summary>The provider rule's sliding window.</summary>
    [Range(10, 3600)]
    public int ProviderWindowSeconds { get; set; } = 120;

    /// <summary>The fewest attempts in the window before the provider rule judges at all.</summary>
    [Range(1, 100000)]
    public int ProviderMinAttempts { get; set; } = 10;

    /// <summary>The provider rule trips when more than this share of the window's attempts failed transiently.</summary>
    [Range(0, 100)]
    public double ProviderFailurePercent { get; set; } = 50;

    /// <summary>Delivery is degraded ("messages delayed") when the oldest due message has waited longer than this.</summary>
    [Range(1, 86400)]
    public int DelayedAfterSeconds { get; set; } = 60;

    /// <summary>Observability is degraded when tracking aggregation is further behind than this.</summary>
    [Range(1, 86400)]
    public int TrackingLagSeconds { get; set; } = 300;

    /// <summary>The API rule's sliding window.</summary>
    [Range(10, 3600)]
    public int ApiWindowSeconds { get; set; } = 120;

    /// <summary>The fewest API requests in the window before the API rule judges at all.</summary>
    [Range(1, 100000)]
    public int ApiMinRequests { get; set; } = 20;

    /// <summary>The API is degraded when more than this share of its requests answered 5xx.</summary>
    [Range(0, 100)]
    public double ApiErrorPercent { get; set; } = 5;

    /// <summary>The evaluation job's schedule as a Hangfire cron expression with a seconds field.</summary>
    public string EvaluationCron => EvaluationSeconds >= 60 ? "0 * * * * *" : $"*/{EvaluationSeconds} * * * * *";
}
