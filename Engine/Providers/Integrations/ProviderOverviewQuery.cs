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

    private readonly HashSet<string> hooked = webhooks.Select(w => w.ProviderType).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<ProviderOverviewRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var failures = await db.DeliveryAttempts.AsNoTracking()
            .OrderByDescending(a => a.Id)
            .Take(RecentAttempts)
            .Where(a => a.Outcome == AttemptOutcome.TransientFailure || a.Outcome == AttemptOutcome.PermanentFailure)
            .Select(a => new { a.Provider, a.Error, a.ErrorClass, a.FinishedAt, a.StartedAt })
            .ToListAsync(cancellationToken);
        var lastByProvider = failures.GroupBy(f => f.Provider).ToDictionary(g => g.Key, g => g.First());

        return registry.Entries
            .OrderBy(e => e.Channel, StringComparer.Ordinal).ThenBy(e => e.Priority).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e =>
            {
                lastByProvider.TryGetValue(e.Id, out var failure);
                return new ProviderOverviewRow(e, ProviderTypeCatalog.Find(e.Type), hooked.Contains(e.Type) ? urls.Webhook(e.Type, e.Id) : null)
                {
                    LastError = failure is null ? null : $"{failure.ErrorClass}: {failure.Error}",
                    LastErrorAt = failure?.FinishedAt ?? failure?.StartedAt,
                };
            })
            .ToList();
    }
}
