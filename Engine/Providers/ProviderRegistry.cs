using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Providers;

/// <summary>
/// The providers: those configured under Providers:&lt;id&gt; (built once at start-up; an invalid section stops the
/// start with the key to fix) merged with those stored in the database, which <see cref="Apply"/> rebuilds
/// whenever they change — no restart. Readers see one consistent snapshot; a send in flight keeps the provider
/// it started with.
/// </summary>
public sealed class ProviderRegistry : IAsyncDisposable
{
    private readonly Dictionary<string, IDeliveryProviderFactory> factoryByType;
    private readonly IReadOnlyList<ProviderIntegrationEntry> configured;
    private readonly List<IDeliveryProvider> retired = [];
    private Dictionary<string, (StoredIntegration Stored, ProviderIntegrationEntry Entry)> applied = [];
    private volatile Snapshot current;

    public ProviderRegistry(IConfiguration configuration, IEnumerable<IDeliveryProviderFactory> factories)
    {
        factoryByType = factories.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);
        var list = new List<ProviderIntegrationEntry>();
        foreach (var section in configuration.GetSection(ProviderOptions.SectionName).GetChildren())
        {
            var common = new ProviderOptions();
            section.Bind(common);
            common.Channel = common.Channel.Trim().ToLowerInvariant();
            var entry = new ProviderIntegrationEntry(section.Key, common.Type, common.Channel, common.Priority, common.Enabled, ProviderSource.Configuration, section);
            list.Add(common.Enabled ? entry with { Provider = Build(section.Key, common, section) } : entry);
        }

        configured = list;
        current = new Snapshot(configured);
    }

    /// <summary>Every enabled, valid provider in priority order.</summary>
    public IReadOnlyList<IDeliveryProvider> All => current.Providers;

    /// <summary>Every integration, enabled or not, valid or not, configured first: what Settings → Providers lists.</summary>
    public IReadOnlyList<ProviderIntegrationEntry> Entries => current.Entries;

    public IDeliveryProvider? Find(string id) => current.ById.GetValueOrDefault(id);

    public ProviderIntegrationEntry? Integration(string id) => current.Entries.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyCollection<string> Types => factoryByType.Keys;

    /// <summary>The channel's providers in priority order, restricted and ordered by <paramref name="only"/> when given.</summary>
    public IReadOnlyList<IDeliveryProvider> ForChannel(string channel, IReadOnlyList<string>? only = null)
    {
        var snapshot = current;
        if (only is { Count: > 0 })
        {
            return only.Select(id => snapshot.ById.GetValueOrDefault(id)).Where(p => p is not null && p.Channel == channel).Select(p => p!).ToList();
        }

        return snapshot.Providers.Where(p => p.Channel == channel).ToList();
    }

    /// <summary>
    /// Replaces the stored integrations with these. One that cannot be built is listed with its error and not
    /// used; one that did not change keeps its provider (and its open connections).
    /// </summary>
    public void Apply(IEnumerable<StoredIntegration> stored)
    {
        var integrations = stored.ToList();
        var entries = configured.ToList();
        var nowApplied = new Dictionary<string, (StoredIntegration, ProviderIntegrationEntry)>(StringComparer.OrdinalIgnoreCase);
        foreach (var integration in integrations)
        {
            if (applied.TryGetValue(integration.Id, out var before) && Same(before.Stored, integration))
            {
                entries.Add(before.Entry);
                nowApplied[integration.Id] = before;
                continue;
            }

            var settings = new ConfigurationBuilder()
                .AddInMemoryCollection(integration.Settings.Select(s => new KeyValuePair<string, string?>($"{ProviderOptions.SectionName}:{integration.Id}:{s.Key}", s.Value)))
                .Build()
                .GetSection($"{ProviderOptions.SectionName}:{integration.Id}");
            var entry = new ProviderIntegrationEntry(integration.Id, integration.Type, integration.Channel, integration.Priority, integration.Enabled, ProviderSource.Database, settings);
            if (configured.Any(c => string.Equals(c.Id, integration.Id, StringComparison.OrdinalIgnoreCase)))
            {
                entries.Add(entry with { Error = $"The id '{integration.Id}' is already used by a configured provider." });
                continue;
            }

            if (!integration.Enabled)
            {
                entries.Add(entry);
                continue;
            }

            try
            {
                var common = new ProviderOptions { Type = integration.Type, Channel = integration.Channel, Priority = integration.Priority };
                entries.Add(entry with { Provider = Build(integration.Id, common, settings) });
            }
            catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException)
            {
                entries.Add(entry with { Error = ex.Message });
            }
        }

        foreach (var entry in entries.Where(e => e.Source == ProviderSource.Database && !nowApplied.ContainsKey(e.Id)))
        {
            nowApplied[entry.Id] = (integrations.First(i => string.Equals(i.Id, entry.Id, StringComparison.OrdinalIgnoreCase)), entry);
        }

        applied = nowApplied;
        var previous = current;
        current = new Snapshot(entries);
        lock (retired)
        {
            // Pooled connections of replaced providers may still serve a send in flight; they close at shutdown.
            retired.AddRange(previous.Providers.Where(p => !current.Providers.Contains(p) && !configured.Any(c => c.Provider == p)));
        }
    }

    private static bool Same(StoredIntegration a, StoredIntegration b) =>
        a.Id == b.Id && a.Type == b.Type && a.Channel == b.Channel && a.Priority == b.Priority && a.Enabled == b.Enabled
        && a.Settings.Count == b.Settings.Count
        && a.Settings.All(s => b.Settings.TryGetValue(s.Key, out var value) && value == s.Value);

    /// <summary>Builds one provider, checking what every type shares; throws with the key to fix.</summary>
    public IDeliveryProvider Build(string id, ProviderOptions common, IConfigurationSection section)
    {
        var key = $"{ProviderOptions.SectionName}:{id}";
        if (string.IsNullOrWhiteSpace(common.Type))
        {
            throw new InvalidOperationException($"{key}:Type is required (one of: {string.Join(", ", factoryByType.Keys)}).");
        }

        if (!factoryByType.TryGetValue(common.Type, out var factory))
        {
            throw new InvalidOperationException($"{key}:Type '{common.Type}' is unknown (known: {string.Join(", ", factoryByType.Keys)}).");
        }

        if (!Channels.IsKnown(common.Channel))
        {
            throw new InvalidOperationException($"{key}:Channel '{common.Channel}' is unknown (known: {string.Join(", ", Channels.All)}).");
        }

        return factory.Create(id, common, section);
    }

    /// <summary>Closes what providers hold open (pooled SMTP connections).</summary>
    public async ValueTask DisposeAsync()
    {
        List<IDeliveryProvider> all;
        lock (retired)
        {
            all = current.Providers.Concat(retired).Distinct().ToList();
        }

        foreach (var provider in all)
        {
            if (provider is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyList<ProviderIntegrationEntry> entries)
        {
            Entries = entries;
            Providers = entries.Where(e => e.Provider is not null).Select(e => e.Provider!)
                .OrderBy(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
            ById = Providers.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        }

        public IReadOnlyList<ProviderIntegrationEntry> Entries { get; }

        public IReadOnlyList<IDeliveryProvider> Providers { get; }

        public Dictionary<string, IDeliveryProvider> ById { get; }
    }
}
