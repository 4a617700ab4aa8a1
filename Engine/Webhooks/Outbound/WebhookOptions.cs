using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>Outbound webhooks (section <c>Webhooks</c>); docs/webhooks.md.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Lets endpoint URLs point at loopback, link-local and private addresses (off: SSRF guard).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Waits between attempts, comma-separated (<c>5s,5m,30m,2h</c>); the first attempt is immediate.</summary>
    public string RetrySchedule { get; set; } = "5s,5m,30m,2h,5h,10h,10h";

    /// <summary>Delivered (and finally failed) deliveries are deleted this many days after their last attempt.</summary>
    [Range(1, 36500, ErrorMessage = "Webhooks:RetentionDays must be between 1 and 36500.")]
    public int RetentionDays { get; set; } = 30;

    /// <summary>One attempt's time limit, connection to last byte.</summary>
    [Range(1, 300, ErrorMessage = "Webhooks:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Requests in flight at once to one endpoint.</summary>
    [Range(1, 256, ErrorMessage = "Webhooks:MaxConcurrencyPerEndpoint must be between 1 and 256.")]
    public int MaxConcurrencyPerEndpoint { get; set; } = 8;

    /// <summary>
    /// How long a change's deliveries may wait for sends while the processors are at least half busy (<see cref="WebhookSendsFirst"/>);
    /// 0 never waits.
    /// </summary>
    [Range(0, 60000, ErrorMessage = "Webhooks:YieldToSendsMs must be between 0 and 60000.")]
    public int YieldToSendsMs { get; set; } = 1000;
}
