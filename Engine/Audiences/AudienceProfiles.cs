using System.Text.Json.Nodes;
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

    public static JsonObject Parse(string dataJson) => JsonNode.Parse(dataJson) as JsonObject ?? new JsonObject();
}
