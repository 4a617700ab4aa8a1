using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Audit;

/// <summary>The audit trail: entries are added inside the change's own transaction and read newest first, keyset-paged.</summary>
public sealed class AuditLog(IDbContextFactory<NotificationsDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPageSize = 200;

    /// <summary>Adds an entry to <paramref name="db"/>: it commits or rolls back with the change it records.</summary>
    public void Add(NotificationsDbContext db, string actor, string action, string subjectType, string subjectId, string? subjectName, string? detail) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            SubjectName = subjectName,
            Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        });

    /// <summary>Entries older than <paramref name="before"/> (an entry id; null for the newest).</summary>
    public async Task<AuditPage> PageAsync(long? before, int size, string? subjectId = null, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (before is { } cursor)
        {
            query = query.Where(e => e.Id < cursor);
        }

        if (subjectId is not null)
        {
            query = query.Where(e => e.SubjectId == subjectId);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(size);
        }

        return new AuditPage(rows, more ? rows[^1].Id : null);
    }
}
