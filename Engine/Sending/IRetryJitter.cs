namespace NotificationOps.Engine.Sending;

/// <summary>The random part of the retry backoff, injected so that a test can seed it or pin it.</summary>
public interface IRetryJitter
{
    /// <summary>A fraction in [0, 1) by which the backoff ceiling is multiplied (full jitter).</summary>
    double NextFraction();
}
