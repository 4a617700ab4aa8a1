namespace NotificationOps.Engine.Jobs;

/// <summary>The Hangfire queues, in the order a worker drains them.</summary>
public static class JobQueues
{
    public const string Send = "send";
    public const string Tracking = "tracking";
    public const string Automations = "automations";
    public const string Webhooks = "webhooks";
    public const string Default = "default";

    public static readonly string[] All = [Send, Tracking, Automations, Webhooks, Default];
}
