namespace NotificationOps.Engine.Lists;

/// <summary>Where the expansion of a send to lists stands.</summary>
public enum FanOutStatus
{
    Expanding = 1,
    Completed = 2,
    Failed = 3,
}
