namespace NotificationOps.Engine.Tracking;

/// <summary>
/// A message's opens and clicks, newest first, with the links they followed, and how many more hits were counted
/// without a row of their own (beyond <c>Tracking:MaxHitsPerTokenPerMinute</c>).
/// </summary>
public sealed record MessageTrackingActivity(IReadOnlyList<TrackingHit> Hits, IReadOnlyDictionary<string, TrackedLink> Links, long Unstored = 0);
