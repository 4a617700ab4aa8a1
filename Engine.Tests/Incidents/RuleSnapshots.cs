using NotificationOps.Engine.Incidents;

namespace NotificationOps.Engine.Tests.Incidents;

/// <summary>Snapshots for rule tests: a channel with the given providers' windows.</summary>
internal static class RuleSnapshots
{
    public static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static HealthSnapshot Email(params ProviderWindow[] windows) => new()
    {
        At = At,
        Providers = windows,
        ChannelProviders = new Dictionary<string, IReadOnlyList<string>> { ["email"] = windows.Select(w => w.Provider).ToList() },
    };

    public static ProviderWindow Window(string provider, int attempts, int failures, int? status = 500) =>
        new(provider, "email", attempts, failures, failures > 0 ? status : null, failures > 0 ? "server_error" : null);
}
