using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audiences;

/// <summary>Profiles as audience filters see them: the profile JSON and the lists its user is subscribed to, loaded for a batch at once.</summary>
public static class AudienceProfiles
{
    public static async Task<Dictionary<string, HashSet<string>>> ListsOfAsync(NotificationsDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.ListSubscriptions.AsNoTracking().Where(s => userIds.Contains(s.UserId)).Select(s => new { s.UserId, s.ListId }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.ListId).ToHashSet());
    }

    /// <summary>The subscriptions of the users in the keyset range (<paramref name="after"/>, <paramref name="last"/>]: one range of the (UserId, ListId) index.</summary>
    public static async Task<Dictionary<string, HashSet<string>>> ListsInRangeAsync(NotificationsDbContext db, string? after, string last, CancellationToken cancellationToken)
    {
        var rows = await db.ListSubscriptions.AsNoTracking().Where(s => (after == null || string.Compare(s.UserId, after) > 0) && string.Compare(s.UserId, last) <= 0)
            .Select(s => new { s.UserId, s.ListId }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.ListId).ToHashSet());
    }

    /// <summary>A profile's stored JSON as filters read it (kept after the call: for the few profiles of an update or a preview).</summary>
    public static JsonElement Parse(string dataJson) => JsonSerializer.Deserialize<JsonElement>(dataJson);

    /// <summary>Whether the stored profile passes <paramref name="definition"/>: parsed into pooled memory, read in place, released.</summary>
    public static bool Matches(AudienceDefinition definition, string dataJson, IReadOnlySet<string> lists)
    {
        using var document = JsonDocument.Parse(dataJson);
        return definition.Matches(document.RootElement, lists);
    }
}
