using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Incidents;

/// <summary>
/// Per channel: a provider whose transient-failure rate in the window is over the limit (with enough attempts) is a
/// partial outage of that provider; when every provider of the channel fails, it is a major outage of Delivery. One
/// incident per channel, so a second provider failing is a worsening of the first incident, not a new one.
/// </summary>
public sealed class ProviderFailureRule : IHealthRule
{
    public IEnumerable<RuleFinding> Evaluate(HealthSnapshot snapshot, OperationsOptions options)
    {
        foreach (var (channel, configured) in snapshot.ChannelProviders.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var failing = snapshot.Providers
                .Where(w => w.Channel == channel && configured.Contains(w.Provider) && Fails(w, options))
                .OrderBy(w => w.Provider, StringComparer.Ordinal)
                .ToList();
            if (failing.Count == 0)
            {
                continue;
            }

            var all = failing.Count == configured.Count;
            var components = failing.Select(w => StatusComponents.Provider(w.Provider)).ToList();
            if (all)
            {
                components.Insert(0, StatusComponents.Delivery);
            }

            var evidence = string.Join("; ", failing.Select(w => Evidence(w, options)));
            yield return new RuleFinding(
                $"delivery:{channel}",
                all ? $"{Title(channel)} delivery down: every {channel} provider is failing" : $"{Title(channel)} delivery degraded: {string.Join(", ", failing.Select(w => w.Provider))} failing",
                all ? ComponentStatus.MajorOutage : ComponentStatus.PartialOutage,
                components,
                evidence + ".")
            {
                // Alerts go around a failing provider (IncidentAlerts); with none left on the channel they cannot.
                AlertNote = !all ? null
                    : configured.Count == 1
                        ? $"{failing[0].Provider} is the only {channel} provider: alerts sent by {channel} cannot get out until it recovers."
                        : $"Every {channel} provider is failing: alerts sent by {channel} cannot get out until one recovers.",
            };
        }
    }

    private static bool Fails(ProviderWindow window, OperationsOptions options) =>
        window.Attempts >= options.ProviderMinAttempts
        && window.TransientFailures * 100.0 > options.ProviderFailurePercent * window.Attempts;

    private static string Evidence(ProviderWindow w, OperationsOptions options)
    {
        var cause = w.LastFailureStatus is { } status ? $", HTTP {status}" : w.LastErrorClass is { } error ? $", {Cause(error)}" : string.Empty;
        return $"{w.Provider}: {w.TransientFailures} of {w.Attempts} attempts failed in {Durations.Window(options.ProviderWindowSeconds)}{cause}";
    }

    // In words, not the provider's own error text: the evidence is shown on the public status page too, and a
    // transport error names hosts and ports.
    private static string Cause(string errorClass) => errorClass switch
    {
        ErrorClasses.Connection => "could not connect",
        ErrorClasses.Timeout => "timed out",
        ErrorClasses.RateLimited => "rate limited",
        _ => errorClass.Replace('_', ' '),
    };

    private static string Title(string channel) => channel.Length == 0 ? channel : char.ToUpperInvariant(channel[0]) + channel[1..];
}
