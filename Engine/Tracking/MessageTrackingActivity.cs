namespace NotificationOps.Engine.Tracking;

/// <summary>A message's opens and clicks, newest first, with the links they followed.</summary>
public sealed record MessageTrackingActivity(IReadOnlyList<TrackingHit> Hits, IReadOnlyDictionary<string, TrackedLink> Links);
