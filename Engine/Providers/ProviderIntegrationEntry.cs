using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Providers;

/// <summary>
/// One integration as the registry knows it, whether or not it can send: its settings (for its webhook's keys),
/// and its provider — null when disabled or invalid, with <see cref="Error"/> saying why.
/// </summary>
public sealed record ProviderIntegrationEntry(string Id, string Type, string Channel, int Priority, bool Enabled, ProviderSource Source, IConfiguration Settings)
{
    public IDeliveryProvider? Provider { get; init; }

    /// <summary>Why a stored integration could not be built (a missing key...); configuration errors stop the start instead.</summary>
    public string? Error { get; init; }
}
