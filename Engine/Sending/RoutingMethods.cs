namespace NotificationOps.Engine.Sending;

public static class RoutingMethods
{
    /// <summary>The first channel that works.</summary>
    public const string Single = "single";

    /// <summary>Every channel the recipient can be reached on.</summary>
    public const string All = "all";
}
