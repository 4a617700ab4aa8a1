using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>Reads of runs: the grid (newest first, keyset cursor), one run with its steps, counts.</summary>
public sealed class AutomationRunQueries(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<AutomationRun> Page, string? Next)> ListAsync(AutomationRunFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = filter.Apply(db.AutomationRuns.AsNoTracking());
        if (AutomationCursor.Parse(cursor) is { } after)
        {
            query = query.Where(r => r.CreatedAt < after.At || (r.CreatedAt == after.At && string.Compare(r.Id, after.Id) < 0));
        }

        var page = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? AutomationCursor.Format(page[limit - 1].CreatedAt, page[limit - 1].Id) : null;
        return (page.Take(limit).ToList(), next);
    }

    public async Task<int> CountAsync(AutomationRunFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await filter.Apply(db.AutomationRuns.AsNoTracking()).CountAsync(cancellationToken);
    }

    /// <summary>Runs started since <paramref name="since"/>, per template and status (the Automations page's counts).</summary>
    public async Task<IReadOnlyList<(string TemplateId, AutomationRunStatus Status, int Count)>> CountsByTemplateAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.AutomationRuns.AsNoTracking()
            .Where(r => r.CreatedAt >= since && r.TemplateId != null)
            .GroupBy(r => new { r.TemplateId, r.Status })
            .Select(g => new { g.Key.TemplateId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.TemplateId!, r.Status, r.Count)).ToList();
    }

    public async Task<AutomationRunDetails?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.AutomationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var steps = await db.AutomationRunSteps.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Index).ToListAsync(cancellationToken);
        return new AutomationRunDetails(run, steps);
    }
}
