namespace NotificationOps.Engine.Jobs;

/// <summary>The Hangfire queues, in the order a worker drains them.</summary>
public static class JobQueues
{
    public const string Send = "send";
    public const string Tracking = "tracking";
    public const string Automations = "automations";
    public const string Webhooks = "webhooks";
    public const string Default = "default";

    /// <summary>
    /// Automations first: their jobs carry steps due at a time the user set (a delay's end), and each takes the other
    /// due runs along, so a job is short; behind a send backlog they ran seconds late (docs/automations.md).
    /// </summary>
    public static readonly string[] All = [Automations, Send, Tracking, Webhooks, Default];
}
