using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audiences;

/// <summary>
/// The dashboard editor's live count: a definition that is not saved yet, evaluated over profiles in keyset order,
/// first over a bounded sample (an estimate within a few hundred milliseconds), then over every profile (exact). Reads
/// only: nothing is stored, and a stored audience's membership stays the calculator's.
/// </summary>
public sealed class AudiencePreview(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public const int SampleProfiles = 2_000;
    public const int SampleMembers = 10;
    private const int BatchSize = 2_000;

    /// <summary>The definition over the first <see cref="SampleProfiles"/> profiles; <see cref="AudiencePreviewResult.Exact"/> when that was all of them.</summary>
    public Task<AudiencePreviewResult> EstimateAsync(AudienceDefinition definition, CancellationToken cancellationToken = default) =>
        ScanAsync(definition, SampleProfiles, cancellationToken);

    /// <summary>The definition over every profile.</summary>
    public Task<AudiencePreviewResult> CountAsync(AudienceDefinition definition, CancellationToken cancellationToken = default) =>
        ScanAsync(definition, int.MaxValue, cancellationToken);

    private async Task<AudiencePreviewResult> ScanAsync(AudienceDefinition definition, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.Profiles.CountAsync(cancellationToken);
        var sample = new List<string>();
        var (matched, scanned) = (0, 0);
        string? after = null;
        while (scanned < limit)
        {
            var take = Math.Min(BatchSize, limit - scanned);
            var profiles = await db.Profiles.AsNoTracking()
                .Where(p => after == null || string.Compare(p.UserId, after) > 0)
                .OrderBy(p => p.UserId).Select(p => new { p.UserId, p.DataJson }).Take(take).ToListAsync(cancellationToken);
            var lists = definition.UsesLists ? await AudienceProfiles.ListsOfAsync(db, profiles.Select(p => p.UserId).ToList(), cancellationToken) : [];
            foreach (var profile in profiles)
            {
                if (AudienceProfiles.Matches(definition, profile.DataJson, lists.GetValueOrDefault(profile.UserId) ?? []))
                {
                    matched++;
                    if (sample.Count < SampleMembers)
                    {
                        sample.Add(profile.UserId);
                    }
                }
            }

            scanned += profiles.Count;
            if (profiles.Count < take)
            {
                return new AudiencePreviewResult(matched, scanned, scanned, Exact: true, sample);
            }

            after = profiles[^1].UserId;
        }

        return new AudiencePreviewResult(matched, scanned, Math.Max(total, scanned), Exact: scanned >= total, sample);
    }
}
