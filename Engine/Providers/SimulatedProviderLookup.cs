using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers.Simulated;

namespace NotificationOps.Engine.Providers;

/// <summary>Answers <see cref="ISimulatedProviders"/> from the live provider registry (integrations can change at run time).</summary>
public sealed class SimulatedProviderLookup(ProviderRegistry providers) : ISimulatedProviders
{
    public bool IsSimulated(string providerId) => providers.Find(providerId)?.Type == SimulatedProvider.TypeName;
}
