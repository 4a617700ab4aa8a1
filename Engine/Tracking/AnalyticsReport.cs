namespace NotificationOps.Engine.Tracking;

/// <summary>What the Analytics page shows for one query.</summary>
/// <param name="OpenableDelivered">
/// Deliveries on the channels that can be opened (<paramref name="OpenableChannels"/>): the base of the open rate,
/// so SMS or chat deliveries, which no pixel can see opened, do not lower it.
/// </param>
/// <param name="OpenableChannels">The channels with an open pixel (or opens counted in the period), in the query's scope.</param>
public sealed record AnalyticsReport(
    AnalyticsTotals Totals, IReadOnlyList<AnalyticsTotals> Days, IReadOnlyList<AnalyticsLink> Links, DateTimeOffset? CountedUntil,
    long OpenableDelivered, IReadOnlyList<string> OpenableChannels);
