namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>A customer's receiver of outbound webhooks (<c>/api/webhooks</c>, Settings → Webhooks).</summary>
public sealed class WebhookEndpoint
{
    public required string Id { get; set; }

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>Comma-separated event types (<see cref="WebhookEvents"/>).</summary>
    public required string Events { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Also deliver opens and clicks flagged as machine hits (privacy prefetch, link scanners).</summary>
    public bool IncludeMachineHits { get; set; }

    /// <summary>The signing secret (<c>whsec_…</c>), encrypted with Data Protection like provider secrets.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The secret before the last rotation; it keeps signing alongside until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Since when every attempt has failed; cleared by a success. Five days of it disables the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Why the engine disabled the endpoint (410 Gone, five days of failures); null when a person did or it is enabled.</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
}
