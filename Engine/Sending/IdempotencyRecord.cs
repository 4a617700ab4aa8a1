namespace NotificationOps.Engine.Sending;

/// <summary>The first answer to a POST with an Idempotency-Key, replayed for 24 h (DESIGN.md, Idempotency).</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>The API key the key belongs to: keys are scoped per API key.</summary>
    public required string Scope { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path and body: the same key with another body is refused.</summary>
    public required string RequestHash { get; set; }

    public int? StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public string? ResponseContentType { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// While the first request runs, the key is held until this time; once it passes without a completion (the
    /// process died), the next request with the key takes the record over and runs. Null on rows stored before
    /// leases existed, which counts as expired.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
