using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Sending;

/// <summary>The provider to try next, with the channel position it stands at and what it will send.</summary>
public sealed record DeliveryTarget(IDeliveryProvider Provider, string Channel, int ChannelIndex, int ProviderIndex, RenderedContent Rendered, string Address)
{
    /// <summary>The tracked links of <see cref="Rendered"/>, stored with the attempt before the provider is called.</summary>
    public IReadOnlyList<TrackedLink> Links { get; init; } = [];

    /// <summary>Extra email headers (List-Unsubscribe), by name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
