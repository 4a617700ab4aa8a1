namespace NotificationOps.Engine.Sending;

/// <summary>Jitter drawn from a <see cref="Random"/>: <see cref="Shared"/> in the app, a seeded one in tests.</summary>
public sealed class RandomRetryJitter(Random random) : IRetryJitter
{
    private readonly Lock gate = new();

    public static RandomRetryJitter Shared { get; } = new(Random.Shared);

    public double NextFraction()
    {
        // A seeded Random is not thread-safe and send jobs run on many workers; a retry is rare enough for a lock.
        lock (gate)
        {
            return random.NextDouble();
        }
    }
}
