using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Hosting;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>The read model of Settings → Providers.</summary>
public sealed class ProviderOverviewQuery(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    ProviderRegistry registry,
    IEnumerable<IProviderWebhook> webhooks,
    PublicUrls urls)
{
    /// <summary>How many of the latest attempts are searched for each provider's last error: bounded work on a big table.</summary>
    public const int RecentAttempts = 1000;

    /// <summary>How many of a provider's latest finished attempts decide whether it is failing.</summary>
    public const int HealthWindow = 20;

    private readonly HashSet<string> hooked = webhooks.Select(w => w.ProviderType).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<ProviderOverviewRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Every outcome, not only failures: "failing" is a share of the provider's own recent attempts.
        var recent = await db.DeliveryAttempts.AsNoTracking()
            .OrderByDescending(a => a.Id)
            .Take(RecentAttempts)
            .Select(a => new { a.Provider, a.Outcome, a.Error, a.ErrorClass, a.FinishedAt, a.StartedAt })
            .ToListAsync(cancellationToken);
        static bool Failed(AttemptOutcome outcome) => outcome is AttemptOutcome.TransientFailure or AttemptOutcome.PermanentFailure;
        var lastByProvider = recent.Where(a => Failed(a.Outcome)).GroupBy(a => a.Provider).ToDictionary(g => g.Key, g => g.First());
        var healthByProvider = recent.Where(a => a.Outcome != AttemptOutcome.Pending).GroupBy(a => a.Provider).ToDictionary(
            g => g.Key,
            g => g.Take(HealthWindow).Aggregate((Attempts: 0, Failures: 0), (t, a) => (t.Attempts + 1, t.Failures + (Failed(a.Outcome) ? 1 : 0))));

        return registry.Entries
            .OrderBy(e => e.Channel, StringComparer.Ordinal).ThenBy(e => e.Priority).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e =>
            {
                lastByProvider.TryGetValue(e.Id, out var failure);
                var health = healthByProvider.GetValueOrDefault(e.Id);
                return new ProviderOverviewRow(e, ProviderTypeCatalog.Find(e.Type), hooked.Contains(e.Type) ? urls.Webhook(e.Type, e.Id) : null)
                {
                    LastError = failure is null ? null : $"{failure.ErrorClass}: {failure.Error}",
                    LastErrorAt = failure?.FinishedAt ?? failure?.StartedAt,
                    RecentAttempts = health.Attempts,
                    RecentFailures = health.Failures,
                };
            })
            .ToList();
    }
}
