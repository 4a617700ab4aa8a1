namespace NotificationOps.Engine.Tracking;

/// <summary>What the Analytics page shows for one query.</summary>
public sealed record AnalyticsReport(AnalyticsTotals Totals, IReadOnlyList<AnalyticsTotals> Days, IReadOnlyList<AnalyticsLink> Links, DateTimeOffset? CountedUntil);
