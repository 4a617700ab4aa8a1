namespace NotificationOps.Engine.Tracking;

/// <summary>One open or click as it arrived: every hit is kept, human or machine, first or repeated.</summary>
public sealed class TrackingHit
{
    public long Id { get; set; }

    public required string MessageId { get; set; }

    public TrackingHitKind Kind { get; set; }

    /// <summary>The clicked link; null for opens.</summary>
    public string? LinkId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>GET or HEAD.</summary>
    public required string Method { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>The client address, through forwarded headers from trusted proxies.</summary>
    public string? ClientIp { get; set; }

    /// <summary>A prefetch, scanner or other automated fetch: stored and shown, never counted, never a status.</summary>
    public bool Machine { get; set; }

    /// <summary>Why it was judged a machine (see <see cref="MachineHitClassifier"/>).</summary>
    public string? MachineReason { get; set; }

    /// <summary>A human open fetched through the mail client's image proxy (Gmail, Yahoo).</summary>
    public bool Proxied { get; set; }
}
