namespace NotificationOps.Engine.Tracking;

/// <summary>Clicks on one link position of a template over the period; machine clicks apart.</summary>
public sealed record AnalyticsLink(string Template, string LinkId, string Url, string? Text, long UniqueClicks, long TotalClicks, long MachineClicks);
