namespace NotificationOps.Engine.Tracking;

/// <summary>A period (UTC days, both included) and optionally one template ("" for inline content) and channel.</summary>
public sealed record AnalyticsQuery(DateOnly From, DateOnly To, string? Template = null, string? Channel = null);
