using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Audiences;

/// <summary>Courier's audiences: PUT creates or updates; a new filter or operator starts a calculation (a job), the old membership still served.</summary>
public sealed class AudienceService(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task<Audience?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Audiences.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    public async Task<KeysetPage<Audience>> ListAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var after = ResourceId.DecodeCursor(cursor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Audiences.AsNoTracking().Where(a => after == null || string.Compare(a.Id, after) > 0)
            .OrderBy(a => a.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        return rows.Count > pageSize ? new(rows.Take(pageSize).ToList(), ResourceId.EncodeCursor(rows[pageSize - 1].Id)) : new(rows, null);
    }

    /// <summary>The members of the served (complete) membership, by user id.</summary>
    public async Task<KeysetPage<AudienceMember>?> MembersAsync(string id, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var after = ResourceId.DecodeCursor(cursor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audience = await db.Audiences.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (audience is null)
        {
            return null;
        }

        var rows = await db.AudienceMembers.AsNoTracking()
            .Where(m => m.AudienceId == id && m.Version == audience.ServedVersion && (after == null || string.Compare(m.UserId, after) > 0))
            .OrderBy(m => m.UserId).Take(pageSize + 1).ToListAsync(cancellationToken);
        return rows.Count > pageSize ? new(rows.Take(pageSize).ToList(), ResourceId.EncodeCursor(rows[pageSize - 1].UserId)) : new(rows, null);
    }

    /// <summary>Creates or updates from a PUT body <c>{name?, description?, operator?, filter?}</c>; every refusal names the field, nothing stored.</summary>
    public async Task<Audience> PutAsync(string id, JsonNode? body, CancellationToken cancellationToken = default)
    {
        if (body is not JsonObject root)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "body", "The body must be a JSON object.");
        }

        var name = OptionalString(root, "name");
        var description = OptionalString(root, "description");
        var (op, filters) = AudienceDefinition.Read(root);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        bool recalculate;
        await using (var tx = await writes.BeginAsync(db, cancellationToken))
        {
            var now = time.GetUtcNow();
            var audience = await db.Audiences.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (audience is null)
            {
                audience = new Audience { Id = id, CreatedAt = now };
                db.Audiences.Add(audience);
            }

            var filterJson = filters?.ToJsonString() ?? audience.FilterJson;
            recalculate = audience.Version == 0 || (op ?? audience.Operator) != audience.Operator || filterJson != audience.FilterJson;
            audience.Name = name ?? audience.Name;
            audience.Description = description ?? audience.Description;
            audience.Operator = op ?? audience.Operator;
            audience.FilterJson = filterJson;
            audience.UpdatedAt = now;
            if (recalculate)
            {
                audience.Version++;
                audience.Calculating = true;
                audience.CalcAfterUserId = null;
                audience.CalcProcessed = 0;
                audience.CalcTotal = await db.Profiles.CountAsync(cancellationToken);
                audience.LeaseUntil = null;
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        if (recalculate)
        {
            Calculate(id);
        }

        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        await db.AudienceMembers.Where(m => m.AudienceId == id).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.Audiences.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return removed > 0;
    }

    public void Calculate(string id) => jobs.Enqueue<AudienceCalculator>(JobQueues.Default, c => c.RunAsync(id, CancellationToken.None));

    private static string? OptionalString(JsonObject root, string field) => root[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length <= 1000 => v.GetValue<string>(),
        _ => throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be a string of at most 1000 characters."),
    };
}
