using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Providers;

/// <summary>
/// The configured providers (sections under Providers:&lt;id&gt;), built once at start-up by the factory of each
/// section's Type. An invalid section stops the start with the key to fix.
/// </summary>
public sealed class ProviderRegistry : IAsyncDisposable
{
    private readonly IReadOnlyList<IDeliveryProvider> providers;
    private readonly Dictionary<string, IDeliveryProvider> byId;

    public ProviderRegistry(IConfiguration configuration, IEnumerable<IDeliveryProviderFactory> factories)
    {
        var factoryByType = factories.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);
        var list = new List<IDeliveryProvider>();
        foreach (var section in configuration.GetSection(ProviderOptions.SectionName).GetChildren())
        {
            var common = new ProviderOptions();
            section.Bind(common);
            if (!common.Enabled)
            {
                continue;
            }

            var key = $"{ProviderOptions.SectionName}:{section.Key}";
            if (string.IsNullOrWhiteSpace(common.Type))
            {
                throw new InvalidOperationException($"{key}:Type is required (one of: {string.Join(", ", factoryByType.Keys)}).");
            }

            if (!factoryByType.TryGetValue(common.Type, out var factory))
            {
                throw new InvalidOperationException($"{key}:Type '{common.Type}' is unknown (known: {string.Join(", ", factoryByType.Keys)}).");
            }

            common.Channel = common.Channel.Trim().ToLowerInvariant();
            if (!Channels.IsKnown(common.Channel))
            {
                throw new InvalidOperationException($"{key}:Channel '{common.Channel}' is unknown (known: {string.Join(", ", Channels.All)}).");
            }

            list.Add(factory.Create(section.Key, common, section));
        }

        providers = list.OrderBy(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        byId = providers.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<IDeliveryProvider> All => providers;

    public IDeliveryProvider? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The channel's providers in priority order, restricted and ordered by <paramref name="only"/> when given.</summary>
    public IReadOnlyList<IDeliveryProvider> ForChannel(string channel, IReadOnlyList<string>? only = null)
    {
        var candidates = providers.Where(p => p.Channel == channel);
        if (only is { Count: > 0 })
        {
            return only.Select(Find).Where(p => p is not null && p.Channel == channel).Select(p => p!).ToList();
        }

        return candidates.ToList();
    }

    /// <summary>Closes what providers hold open (pooled SMTP connections).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            if (provider is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}
