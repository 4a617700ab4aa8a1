namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>What a verifier may use besides the request: the clock and a memory of tokens already seen.</summary>
public sealed class WebhookContext(TimeProvider time, Func<string, string, CancellationToken, Task<bool>> tryRemember)
{
    /// <summary>How far a signed timestamp may be from now before the call is refused as stale.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Records (scope, key) once; false when it was seen before — a replay.</summary>
    public Task<bool> TryRememberAsync(string scope, string key, CancellationToken cancellationToken) => tryRemember(scope, key, cancellationToken);

    public bool IsFresh(DateTimeOffset signedAt, TimeSpan? tolerance = null) =>
        (Now - signedAt).Duration() <= (tolerance ?? Tolerance);
}
