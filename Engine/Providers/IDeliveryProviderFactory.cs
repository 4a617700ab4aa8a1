using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Providers;

/// <summary>Builds providers of one <see cref="Type"/> from their Providers:&lt;id&gt; sections.</summary>
public interface IDeliveryProviderFactory
{
    string Type { get; }

    /// <summary>Creates the provider; throws with the config key to fix when the section is invalid.</summary>
    IDeliveryProvider Create(string id, ProviderOptions common, IConfigurationSection section);
}
