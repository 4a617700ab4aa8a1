namespace NotificationOps.Engine.Tracking;

/// <summary>The funnel counts of a period, or of one day of it.</summary>
public sealed record AnalyticsTotals(
    DateOnly? Day, long Sent, long Delivered, long UniqueOpens, long TotalOpens, long UniqueClicks, long TotalClicks, long MachineOpens, long MachineClicks);
