namespace NotificationOps.Engine.Observability;

/// <summary>One instance's /api requests and 5xx answers in the 10 seconds from <see cref="Start"/>.</summary>
public sealed record ApiRequestBucket(DateTimeOffset Start, long Requests, long Errors);
