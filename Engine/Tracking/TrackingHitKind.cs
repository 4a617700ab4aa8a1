namespace NotificationOps.Engine.Tracking;

public enum TrackingHitKind
{
    Open,
    Click,
}
