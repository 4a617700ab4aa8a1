namespace NotificationOps.Engine.Tracking;

/// <summary>A template as analytics groups it: the key its counts are stored under, and the name to show.</summary>
/// <param name="Key">The template's id, the name a send gave when it resolved none, or "" for inline content.</param>
public sealed record AnalyticsTemplate(string Key, string Label);
