namespace NotificationOps.Engine.Providers;

/// <summary>How one call to a provider went, with what we sent and what it answered, for the attempt record.</summary>
public sealed record ProviderResult(ProviderOutcome Outcome)
{
    public string? ProviderMessageId { get; init; }

    /// <summary>The provider asked us to wait at least this long (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What we sent, secrets removed.</summary>
    public string? RequestSummary { get; init; }

    /// <summary>The HTTP status, or the SMTP reply code.</summary>
    public int? ResponseStatus { get; init; }

    public string? ResponseBody { get; init; }

    /// <summary>transient, permanent, timeout, connection — why it failed.</summary>
    public string? ErrorClass { get; init; }

    public string? Error { get; init; }

    public bool Succeeded => Outcome is ProviderOutcome.Accepted or ProviderOutcome.Delivered;

    public static ProviderResult Transient(string errorClass, string error) =>
        new(ProviderOutcome.TransientFailure) { ErrorClass = errorClass, Error = error };

    public static ProviderResult Permanent(string error) =>
        new(ProviderOutcome.PermanentFailure) { ErrorClass = ErrorClasses.Permanent, Error = error };
}
