using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// Templates and their versions: create, edit (a changed content is a new draft version), publish, restore an
/// old version as the draft, delete. Every change is audited in its own transaction. Templates are named by id or alias.
/// </summary>
public sealed class TemplateService(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    ContentRenderer renderer,
    BrandService brands,
    TemplateCatalog catalog,
    AuditLog audit,
    IWriteTransactions writes,
    TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>Templates by alias after <paramref name="afterAlias"/>, matching a search (name or alias) and a tag.</summary>
    public async Task<IReadOnlyList<Template>> ListAsync(string? search, string? tag, string? afterAlias = null, int limit = MaxPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Templates.AsNoTracking().Where(t => t.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().Replace("%", "").Replace("_", "")}%";
            query = query.Where(t => EF.Functions.Like(t.Name, pattern) || EF.Functions.Like(t.Alias, pattern));
        }

        if (!string.IsNullOrWhiteSpace(tag))
        {
            var wrapped = $",{tag.Trim().ToLowerInvariant()},";
            query = query.Where(t => ("," + t.Tags + ",").Contains(wrapped));
        }

        if (afterAlias is not null)
        {
            query = query.Where(t => string.Compare(t.Alias, afterAlias) > 0);
        }

        return await query.OrderBy(t => t.Alias).Take(Math.Clamp(limit, 1, MaxPageSize)).ToListAsync(cancellationToken);
    }

    /// <summary>Every tag in use, for the list's filter.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Templates.AsNoTracking().Where(t => t.DeletedAt == null && t.Tags != null).Select(t => t.Tags!).ToListAsync(cancellationToken);
        return all.SelectMany(t => t.Split(',')).Distinct().Order().ToList();
    }

    public async Task<TemplateDetails?> GetAsync(string idOrAlias, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await TemplateLookup.FindAsync(db, idOrAlias, cancellationToken);
        return template is null ? null : await DetailsAsync(db, template, cancellationToken);
    }

    /// <summary>Versions, newest first.</summary>
    public async Task<IReadOnlyList<TemplateVersion>?> VersionsAsync(string idOrAlias, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await TemplateLookup.FindAsync(db, idOrAlias, cancellationToken);
        if (template is null)
        {
            return null;
        }

        return await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == template.Id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
    }

    /// <exception cref="RequestValidationException">Invalid input (400) or the alias is taken (409).</exception>
    public async Task<TemplateDetails> CreateAsync(TemplateInput input, string actor, CancellationToken cancellationToken = default)
    {
        input.Validate(create: true);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var alias = input.Alias!.Trim();
        await EnsureAliasFreeAsync(db, alias, null, cancellationToken);
        var now = time.GetUtcNow();
        var template = new Template
        {
            Id = MessageIds.New(),
            Alias = alias,
            Name = input.Name!.Trim(),
            Tags = TemplateInput.NormaliseTags(input.Tags ?? []),
            CreatedAt = now,
            UpdatedAt = now,
            LatestVersion = 1,
        };
        var content = input.Content ?? TemplateContent.Empty;
        db.Templates.Add(template);
        db.TemplateVersions.Add(new TemplateVersion { TemplateId = template.Id, Number = 1, ContentJson = content.ToJson(), Author = actor, CreatedAt = now });
        audit.Add(db, actor, "template.created", "template", template.Id, template.Alias,
            $"Created \"{template.Name}\" with {Describe(content)} (version 1, draft).");
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        catalog.Invalidate();
        return await DetailsAsync(db, template, cancellationToken);
    }

    /// <summary>Changes what the input carries; a changed content becomes a new draft version. Null when there is no such template.</summary>
    public async Task<TemplateDetails?> UpdateAsync(string idOrAlias, TemplateInput input, string actor, CancellationToken cancellationToken = default)
    {
        input.Validate(create: false);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var template = await TemplateLookup.FindAsync(db, idOrAlias, cancellationToken, track: true);
        if (template is null)
        {
            return null;
        }

        var changes = new List<string>();
        if (input.Alias is { } alias && alias != template.Alias)
        {
            await EnsureAliasFreeAsync(db, alias, template.Id, cancellationToken);
            changes.Add($"alias \"{template.Alias}\" → \"{alias}\"");
            template.Alias = alias;
        }

        if (input.Name is { } name && name.Trim() != template.Name)
        {
            changes.Add($"name \"{template.Name}\" → \"{name.Trim()}\"");
            template.Name = name.Trim();
        }

        if (input.Tags is { } tags && TemplateInput.NormaliseTags(tags) is var normalised && normalised != template.Tags)
        {
            changes.Add($"tags [{template.Tags}] → [{normalised}]");
            template.Tags = normalised;
        }

        var now = time.GetUtcNow();
        if (input.Content is { } content)
        {
            var latest = await db.TemplateVersions.AsNoTracking().FirstAsync(v => v.TemplateId == template.Id && v.Number == template.LatestVersion, cancellationToken);
            var diff = TemplateDiff.Compare(TemplateContent.FromJson(latest.ContentJson), content);
            if (diff.Count > 0)
            {
                template.LatestVersion++;
                db.TemplateVersions.Add(new TemplateVersion { TemplateId = template.Id, Number = template.LatestVersion, ContentJson = content.ToJson(), Author = actor, CreatedAt = now });
                changes.Add($"content ({string.Join(", ", diff.Select(d => d.Field))}) saved as draft version {template.LatestVersion}");
            }
        }

        if (changes.Count > 0)
        {
            template.UpdatedAt = now;
            audit.Add(db, actor, "template.edited", "template", template.Id, template.Alias, Capitalise(string.Join("; ", changes)) + ".");
            await SaveAsync(db, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        catalog.Invalidate();
        return await DetailsAsync(db, template, cancellationToken);
    }

    /// <summary>Makes the latest version live. Null when there is no such template.</summary>
    /// <exception cref="TemplateRenderException">A text of the version does not compile: nothing is published.</exception>
    public async Task<TemplateDetails?> PublishAsync(string idOrAlias, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var template = await TemplateLookup.FindAsync(db, idOrAlias, cancellationToken, track: true);
        if (template is null)
        {
            return null;
        }

        var version = await db.TemplateVersions.FirstAsync(v => v.TemplateId == template.Id && v.Number == template.LatestVersion, cancellationToken);
        var content = TemplateContent.FromJson(version.ContentJson);
        if (renderer.Check(content, brands.Current).FirstOrDefault() is { } error)
        {
            throw error;
        }

        if (content.Channels().Count == 0)
        {
            throw new RequestValidationException(ValidationErrorKind.Unprocessable, "content", "The template has no content on any channel: write at least one channel before publishing.");
        }

        if (template.PublishedVersion != template.LatestVersion)
        {
            var previous = template.PublishedVersion;
            var now = time.GetUtcNow();
            version.PublishedAt = now;
            version.PublishedBy = actor;
            template.PublishedVersion = version.Number;
            template.UpdatedAt = now;
            audit.Add(db, actor, "template.published", "template", template.Id, template.Alias,
                $"Published version {version.Number}{(previous is { } p ? $" (replacing version {p})" : string.Empty)}: {Describe(content)}.");
            await SaveAsync(db, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        catalog.Invalidate();
        return await DetailsAsync(db, template, cancellationToken);
    }

    /// <summary>Copies an old version as the new draft. Null when there is no such template or version.</summary>
    public async Task<TemplateDetails?> RestoreAsync(string idOrAlias, int number, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var template = await TemplateLookup.FindAsync(db, idOrAlias, cancellationToken, track: true);
        var old = template is null ? null : await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.TemplateId == template.Id && v.Number == number, cancellationToken);
        if (template is null || old is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        template.LatestVersion++;
        template.UpdatedAt = now;
        db.TemplateVersions.Add(new TemplateVersion
        {
            TemplateId = template.Id,
            Number = template.LatestVersion,
            ContentJson = old.ContentJson,
            Author = actor,
            CreatedAt = now,
            Note = $"restored from version {number}",
        });
        audit.Add(db, actor, "template.restored", "template", template.Id, template.Alias,
            $"Restored version {number} as draft version {template.LatestVersion}.");
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        catalog.Invalidate();
        return await DetailsAsync(db, template, cancellationToken);
    }

    /// <summary>Deletes the template (kept for the messages that used it; its alias is free again). False when there is none.</summary>
    public async Task<bool> DeleteAsync(string idOrAlias, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await TemplateLookup.FindAsync(db, idOrAlias, cancellationToken, track: true);
        if (template is null)
        {
            return false;
        }

        template.DeletedAt = time.GetUtcNow();
        audit.Add(db, actor, "template.deleted", "template", template.Id, template.Alias,
            $"Deleted \"{template.Name}\" ({template.LatestVersion} versions{(template.PublishedVersion is { } p ? $", version {p} was published" : ", never published")}).");
        await SaveAsync(db, cancellationToken);
        catalog.Invalidate();
        return true;
    }

    private async Task<TemplateDetails> DetailsAsync(NotificationsDbContext db, Template template, CancellationToken cancellationToken)
    {
        var numbers = new[] { template.LatestVersion, template.PublishedVersion ?? template.LatestVersion };
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == template.Id && numbers.Contains(v.Number)).ToListAsync(cancellationToken);
        var latest = versions.First(v => v.Number == template.LatestVersion);
        var published = template.PublishedVersion is { } p ? versions.First(v => v.Number == p) : null;
        return new TemplateDetails(template, latest, TemplateContent.FromJson(latest.ContentJson), published is null ? null : TemplateContent.FromJson(published.ContentJson));
    }

    /// <summary>
    /// Two writers of the same template (two editors, or an editor and the API) can both number the next version
    /// alike or take one alias; the store's keys refuse the second, which is told to reload rather than given a 500.
    /// </summary>
    private static async Task SaveAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new RequestValidationException(ValidationErrorKind.Conflict, "template", $"The template was changed by someone else at the same time; reload it and try again. ({ex.InnerException?.Message ?? ex.Message})");
        }
    }

    private static async Task EnsureAliasFreeAsync(NotificationsDbContext db, string alias, string? exceptId, CancellationToken cancellationToken)
    {
        if (await db.Templates.AnyAsync(t => t.DeletedAt == null && t.Alias == alias && t.Id != exceptId, cancellationToken))
        {
            throw new RequestValidationException(ValidationErrorKind.Conflict, "alias", $"Another template already uses the alias '{alias}'.");
        }
    }

    private static string Describe(TemplateContent content) =>
        content.Channels() is { Count: > 0 } channels ? $"content for {string.Join(", ", channels)}" : "no content yet";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
