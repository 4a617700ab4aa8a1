using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.RateLimiting;

/// <summary>
/// Request rate limits (section <c>RateLimits</c>), token buckets: a client may burst up to the bucket, then
/// gets the per-second rate; beyond it the answer is 429 with Retry-After. 0 switches that limit off. The defaults
/// are far above what one honest client does (the send benchmark's ~1,000 requests/s from one key pass untouched).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per second to <c>/api</c> per API key (per client address for requests without one).</summary>
    [Range(0, 1_000_000)]
    public int ApiPerSecond { get; set; } = 10_000;

    [Range(0, 1_000_000)]
    public int ApiBurst { get; set; } = 20_000;

    /// <summary>Requests per second to the tracking endpoints (<c>/t/...</c>) per client address.</summary>
    [Range(0, 1_000_000)]
    public int TrackingPerSecond { get; set; } = 1_000;

    [Range(0, 1_000_000)]
    public int TrackingBurst { get; set; } = 2_000;

    /// <summary>Requests per second to provider webhooks (<c>/webhooks/...</c>) per client address.</summary>
    [Range(0, 1_000_000)]
    public int WebhooksPerSecond { get; set; } = 1_000;

    [Range(0, 1_000_000)]
    public int WebhooksBurst { get; set; } = 2_000;

    /// <summary>Dashboard sign-in attempts per minute per client address.</summary>
    [Range(0, 10_000)]
    public int SignInPerMinute { get; set; } = 20;
}
