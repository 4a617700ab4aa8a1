using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Templates;

/// <summary>Every route and send names a template by its id or its alias: one lookup for both.</summary>
internal static class TemplateLookup
{
    public static async Task<Template?> FindAsync(NotificationsDbContext db, string idOrAlias, CancellationToken cancellationToken, bool track = false)
    {
        var alias = idOrAlias.ToLowerInvariant();
        var query = track ? db.Templates : db.Templates.AsNoTracking();
        return await query.Where(t => t.DeletedAt == null && (t.Id == idOrAlias || t.Alias == alias)).FirstOrDefaultAsync(cancellationToken);
    }
}
