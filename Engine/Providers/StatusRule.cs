using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Providers;

/// <summary>
/// One row of a provider's mapping table: what the provider calls <see cref="ProviderStatus"/> and what we make
/// of it — a universal status (<see cref="To"/>, with a reason), a retry or failover of the attempt
/// (<see cref="ErrorClass"/>, for answers to our call), or nothing but a line on the history.
/// </summary>
public sealed record StatusRule(string ProviderStatus, MessageStatus? To, MessageReason? Reason, string Meaning)
{
    public string? ErrorClass { get; init; }

    public static StatusRule Status(string providerStatus, MessageStatus to, string meaning, MessageReason? reason = null) =>
        new(providerStatus, to, reason, meaning);

    /// <summary>Recorded on the message history; the status stays.</summary>
    public static StatusRule Stays(string providerStatus, string meaning) => new(providerStatus, null, null, meaning);

    public static StatusRule Transient(string providerStatus, string meaning) =>
        new(providerStatus, null, null, meaning) { ErrorClass = ErrorClasses.Transient };

    public static StatusRule Permanent(string providerStatus, string meaning) =>
        new(providerStatus, null, null, meaning) { ErrorClass = ErrorClasses.Permanent };

    /// <summary>What the dashboard shows in the "we show it as" column.</summary>
    public string WeShow => (To, ErrorClass) switch
    {
        ({ } to, _) => Reason is { } reason ? $"{to.ToWire()} ({reason.ToWire()})" : to.ToWire(),
        (null, ErrorClasses.Transient) => "retried later (transient)",
        (null, ErrorClasses.Permanent) => "next provider (permanent)",
        _ => "history only, status stays",
    };
}
