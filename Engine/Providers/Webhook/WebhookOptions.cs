namespace NotificationOps.Engine.Providers.Webhook;

/// <summary>The webhook provider's keys under Providers:&lt;id&gt;: POST the rendered message as JSON to a URL of yours.</summary>
public sealed class WebhookOptions
{
    /// <summary>Where to POST (http or https).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>When set, each request carries X-NotificationOps-Signature: sha256=HMAC-SHA256(secret, body) in hex.</summary>
    public string? Secret { get; set; }
}
