namespace NotificationOps.Engine.Providers;

public static class ErrorClasses
{
    public const string Transient = "transient";
    public const string Permanent = "permanent";
    public const string Timeout = "timeout";
    public const string Connection = "connection";
    public const string RateLimited = "rate_limited";
    public const string Unknown = "unknown";
}
