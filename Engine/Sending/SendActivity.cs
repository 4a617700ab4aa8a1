namespace NotificationOps.Engine.Sending;

/// <summary>
/// Whether this process is sending right now: accepted sends being stored and send batches being delivered. Work
/// that can wait (webhook deliveries, <see cref="Webhooks.Outbound.WebhookSendsFirst"/>) gives way while it is.
/// </summary>
public sealed class SendActivity
{
    private int inFlight;

    public bool Busy => Volatile.Read(ref inFlight) > 0;

    /// <summary>Counts the caller as sending until the answer is disposed.</summary>
    public Scope Enter()
    {
        Interlocked.Increment(ref inFlight);
        return new Scope(this);
    }

    public readonly struct Scope(SendActivity activity) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref activity.inFlight);
    }
}
