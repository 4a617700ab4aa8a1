using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// The pipeline's view of templates: which version of a template is published (asked at intake, cached until a
/// template changes) and the content of a version (versions never change, so kept once read).
/// </summary>
public sealed class TemplateCatalog(IDbContextFactory<NotificationsDbContext> dbFactory, ISqlDialect dialect, TimeProvider time)
{
    private const int MaxCached = 4096;

    /// <summary>
    /// On a database shared by several instances a publish on another instance cannot call <see cref="Invalidate"/>
    /// here, so what is published is read again after this long.
    /// </summary>
    private static readonly TimeSpan SharedLifetime = TimeSpan.FromSeconds(5);

    private long clearedAt = time.GetTimestamp();

    private readonly ConcurrentDictionary<string, PinnedTemplate?> published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string TemplateId, int Number), TemplateContent> versions = new();

    /// <summary>The published version of the template with this id or alias; null when none exists or none is published.</summary>
    public async Task<PinnedTemplate?> FindPublishedAsync(string idOrAlias, CancellationToken cancellationToken = default)
    {
        var key = idOrAlias.Trim();
        if (dialect.SharedByInstances && time.GetElapsedTime(Interlocked.Read(ref clearedAt)) > SharedLifetime)
        {
            Interlocked.Exchange(ref clearedAt, time.GetTimestamp());
            published.Clear();
        }

        if (published.TryGetValue(key, out var known))
        {
            return known;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await TemplateLookup.FindAsync(db, key, cancellationToken);
        PinnedTemplate? pinned = null;
        if (template?.PublishedVersion is { } number)
        {
            pinned = new PinnedTemplate(template.Id, number, await LoadAsync(db, template.Id, number, cancellationToken));
        }

        if (published.Count >= MaxCached)
        {
            published.Clear();
        }

        published[key] = pinned;
        return pinned;
    }

    /// <summary>A given version, published or not (a test send of a draft).</summary>
    public async Task<PinnedTemplate?> FindVersionAsync(string idOrAlias, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await TemplateLookup.FindAsync(db, idOrAlias.Trim(), cancellationToken);
        if (template is null || number < 1 || number > template.LatestVersion)
        {
            return null;
        }

        return new PinnedTemplate(template.Id, number, await LoadAsync(db, template.Id, number, cancellationToken));
    }

    /// <summary>
    /// The content of a version, for the send job (whose planning is synchronous; SQLite reads are synchronous
    /// underneath anyway, and after the first read of a version it is served from memory).
    /// </summary>
    public TemplateContent? Content(string templateId, int number)
    {
        if (versions.TryGetValue((templateId, number), out var content))
        {
            return content;
        }

        using var db = dbFactory.CreateDbContext();
        var json = db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId && v.Number == number)
            .Select(v => v.ContentJson)
            .FirstOrDefault();
        return json is null ? null : Remember(templateId, number, TemplateContent.FromJson(json));
    }

    /// <summary>Forgets which versions are published; called by every change to a template.</summary>
    public void Invalidate() => published.Clear();

    private async Task<TemplateContent> LoadAsync(NotificationsDbContext db, string templateId, int number, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue((templateId, number), out var content))
        {
            return content;
        }

        var json = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId && v.Number == number)
            .Select(v => v.ContentJson)
            .FirstAsync(cancellationToken);
        return Remember(templateId, number, TemplateContent.FromJson(json));
    }

    private TemplateContent Remember(string templateId, int number, TemplateContent content)
    {
        if (versions.Count >= MaxCached)
        {
            versions.Clear();
        }

        versions[(templateId, number)] = content;
        return content;
    }
}
