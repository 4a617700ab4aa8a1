namespace NotificationOps.Engine.Tracking;

/// <summary>
/// One rewritten link of one message. The click endpoint redirects only to <see cref="Url"/> as stored here, never
/// to anything the request carries. Ids are derived from the position, so every attempt of the message writes the
/// same rows.
/// </summary>
public sealed class TrackedLink
{
    public required string MessageId { get; set; }

    /// <summary>Channel initial, kind and position, e.g. <c>eh0</c> (email HTML, first link) or <c>eth</c> honeypot.</summary>
    public required string LinkId { get; set; }

    public TrackedLinkKind Kind { get; set; }

    /// <summary>Zero-based position among the links of its kind, in document order.</summary>
    public int Position { get; set; }

    public required string Url { get; set; }

    /// <summary>The link's visible text (truncated), to name it in the per-link breakdown.</summary>
    public string? Text { get; set; }
}
