using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Profiles;

/// <summary>
/// Finds profiles by user id, email or phone number for the dashboard. Each is an index range (user id and email by
/// prefix, the phone number exactly after normalising), never a scan of the profiles table.
/// </summary>
public sealed class ProfileSearch(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public const int MaxResults = 50;

    /// <summary>Up to <paramref name="limit"/> profiles matching <paramref name="text"/>, by user id; the first ones when empty.</summary>
    public async Task<IReadOnlyList<ProfileSummary>> FindAsync(string? text, int limit = MaxResults, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, MaxResults);
        text = text?.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profiles = db.Profiles.AsNoTracking();
        if (string.IsNullOrEmpty(text))
        {
            return await Summaries(profiles.OrderBy(p => p.UserId).Take(limit)).ToListAsync(cancellationToken);
        }

        // A range on the key (and on the email index): LIKE would not use the index in SQLite.
        var to = text + '\uffff';
        var found = await Summaries(profiles.Where(p => string.Compare(p.UserId, text) >= 0 && string.Compare(p.UserId, to) < 0)
            .OrderBy(p => p.UserId).Take(limit)).ToListAsync(cancellationToken);
        if (text.Contains('@'))
        {
            // Addresses are stored as sent; people type them in lower case.
            foreach (var variant in new[] { text, text.ToLowerInvariant() }.Distinct(StringComparer.Ordinal))
            {
                var end = variant + '\uffff';
                found.AddRange(await Summaries(profiles.Where(p => p.Email != null && string.Compare(p.Email, variant) >= 0 && string.Compare(p.Email, end) < 0)
                    .OrderBy(p => p.Email).Take(limit)).ToListAsync(cancellationToken));
            }
        }

        if (SendRequestParser.NormalisePhone(text) is { } phone)
        {
            found.AddRange(await Summaries(profiles.Where(p => p.PhoneNumber == phone).OrderBy(p => p.UserId).Take(limit)).ToListAsync(cancellationToken));
        }

        return found.DistinctBy(p => p.UserId).OrderBy(p => p.UserId, StringComparer.Ordinal).Take(limit).ToList();
    }

    private static IQueryable<ProfileSummary> Summaries(IQueryable<Profile> profiles) =>
        profiles.Select(p => new ProfileSummary(p.UserId, p.Email, p.PhoneNumber, p.UpdatedAt));
}
