namespace NotificationOps.Engine.Messages;

/// <summary>One notification to one recipient, and where it stands. Its status changes only through <see cref="MessageStatusWriter"/>.</summary>
public sealed class Message
{
    public required string Id { get; set; }

    public required string RequestId { get; set; }

    /// <summary>What identifies the recipient in lists: the user id, else the email, else the phone number.</summary>
    public required string Recipient { get; set; }

    public string? RecipientUserId { get; set; }

    public string? RecipientEmail { get; set; }

    public string? RecipientPhone { get; set; }

    /// <summary>The send request for this recipient (content or template, data, routing, overrides) as JSON.</summary>
    public required string RequestJson { get; set; }

    /// <summary>The template id or alias (Courier's "notification"), when sent by template.</summary>
    public string? Template { get; set; }

    /// <summary>The template it was sent with (resolved from <see cref="Template"/> at intake).</summary>
    public string? TemplateId { get; set; }

    /// <summary>The template version pinned at intake: every attempt, retries included, renders this one.</summary>
    public int? TemplateVersion { get; set; }

    /// <summary>The channel and provider of the latest attempt, or of the success.</summary>
    public string? Channel { get; set; }

    public string? Provider { get; set; }

    public string? ProviderMessageId { get; set; }

    /// <summary>Set at creation; afterwards only the guarded writer's UPDATE changes it, never an assignment.</summary>
    public MessageStatus Status { get; init; }

    public MessageReason? Reason { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClickedAt { get; set; }

    /// <summary>The last change of anything the operator sees (status, attempt, retry).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public int AttemptCount { get; set; }

    /// <summary>When the next attempt is due; null when no attempt is pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A send job holds the message until then; a crashed job's lease simply expires.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Which job run holds the lease: a run identifies the rows it took by this, never by the time.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Automatic retries stop at this time (the retry budget).</summary>
    public DateTimeOffset? RetryBudgetUntil { get; set; }

    /// <summary>The message is given up (UNDELIVERABLE) when not sent by then (timeout.message).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Failover position: index into the routed channels, then into that channel's providers.</summary>
    public int RouteChannelIndex { get; set; }

    public int RouteProviderIndex { get; set; }

    /// <summary>Comma-separated tags, as sent in metadata.tags (each also in MessageTags for filtering).</summary>
    public string? Tags { get; set; }

    public string? TraceId { get; set; }

    /// <summary>What was rendered for each channel (JSON), for the message's output and detail page.</summary>
    public string? OutputJson { get; set; }

    /// <summary>The RFC 5322 Message-ID used for every attempt, so receivers can deduplicate a resend.</summary>
    public string EmailMessageId => $"<{Id}@notificationops>";
}
