namespace NotificationOps.Engine.Tracking;

/// <summary>The token signing key generated on first use when <c>Tracking:SigningKey</c> is not configured.</summary>
public sealed class TrackingSigningKey
{
    /// <summary>Always <see cref="SingletonId"/>: there is one key, and the primary key makes its creation race-free.</summary>
    public int Id { get; set; }

    public required byte[] Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public const int SingletonId = 1;
}
