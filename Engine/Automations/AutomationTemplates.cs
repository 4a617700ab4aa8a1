using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Automations;

/// <summary>Automation templates: a draft that is saved and checked, a published version that runs start from.</summary>
public sealed class AutomationTemplates(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, TimeProvider time)
{
    public const int PageSize = 50;

    /// <summary>Saves the draft (steps already checked by <see cref="AutomationStepsParser"/>), creating the template.</summary>
    public async Task<AutomationTemplate> SaveDraftAsync(string id, string name, JsonArray steps, IReadOnlyList<string> triggers, string? cancelationToken, CancellationToken cancellationToken = default)
    {
        if (id.Length is 0 or > 200 || id.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "id", "The automation template id must be 1–200 characters without spaces or '/'.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var template = await db.AutomationTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            template = new AutomationTemplate { Id = id, Name = name, CreatedAt = now };
            db.AutomationTemplates.Add(template);
        }

        template.Name = name;
        template.DraftStepsJson = steps.ToJsonString();
        template.TriggerEvents = triggers.Count == 0 ? null : string.Join(",", triggers);
        template.CancelationToken = cancelationToken;
        template.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return template;
    }

    /// <summary>Publishes the draft as the next version; null when the template does not exist.</summary>
    public async Task<AutomationTemplate?> PublishAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var template = await db.AutomationTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        template.PublishedStepsJson = template.DraftStepsJson;
        template.PublishedVersion++;
        template.PublishedAt = now;
        template.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return template;
    }

    public async Task<AutomationTemplate?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AutomationTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>Newest-updated first, keyset by (UpdatedAt, Id); <paramref name="published"/> keeps only published ones.</summary>
    public async Task<(IReadOnlyList<AutomationTemplate> Page, string? Next)> ListAsync(bool published, string? cursor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AutomationTemplates.AsNoTracking();
        if (published)
        {
            query = query.Where(t => t.PublishedStepsJson != null);
        }

        if (AutomationCursor.Parse(cursor) is { } after)
        {
            query = query.Where(t => t.UpdatedAt < after.At || (t.UpdatedAt == after.At && string.Compare(t.Id, after.Id) < 0));
        }

        var page = await query.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        var next = page.Count > PageSize ? AutomationCursor.Format(page[PageSize - 1].UpdatedAt, page[PageSize - 1].Id) : null;
        return (page.Take(PageSize).ToList(), next);
    }

    /// <summary>The published (or draft) steps of a template as an invocation; null when there are none.</summary>
    public async Task<AutomationInvocation?> InvocationAsync(string id, bool published, CancellationToken cancellationToken = default)
    {
        var template = await FindAsync(id, cancellationToken);
        var json = published ? template?.PublishedStepsJson : template?.DraftStepsJson;
        return template is null || json is null ? null : Invocation(template, json, published);
    }

    /// <summary>Published templates whose trigger names <paramref name="eventName"/>.</summary>
    public async Task<IReadOnlyList<AutomationInvocation>> TriggeredByAsync(string eventName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.AutomationTemplates.AsNoTracking()
            .Where(t => t.PublishedStepsJson != null && t.TriggerEvents != null && t.TriggerEvents.Contains(eventName))
            .ToListAsync(cancellationToken);
        return candidates
            .Where(t => t.TriggerEvents!.Split(',').Contains(eventName, StringComparer.Ordinal))
            .Select(t => Invocation(t, t.PublishedStepsJson!, published: true))
            .ToList();
    }

    private static AutomationInvocation Invocation(AutomationTemplate template, string stepsJson, bool published) => new()
    {
        Steps = JsonNode.Parse(stepsJson)!.AsArray(),
        TemplateId = template.Id,
        TemplateVersion = published ? template.PublishedVersion : 0,
        CancelationToken = template.CancelationToken,
    };
}
