namespace NotificationOps.Engine.Messages;

public static class MessageEventSources
{
    public const string Api = "api";
    public const string Pipeline = "pipeline";
    public const string Provider = "provider";
    public const string Webhook = "webhook";
    public const string Tracking = "tracking";
    public const string Operator = "operator";
}
