namespace NotificationOps.Engine.Observability;

/// <summary>One stored value of a series, for a chart.</summary>
public sealed record MetricPoint(string Label, DateTimeOffset At, double Value);
