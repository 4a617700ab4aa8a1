using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Templates;

/// <summary>The workspace's brand: read by every template email (cached), edited in the dashboard, audited.</summary>
public sealed partial class BrandService(IDbContextFactory<NotificationsDbContext> dbFactory, ContentRenderer renderer, AuditLog audit, TimeProvider time)
{
    private volatile Brand? cached;

    /// <summary>The stored brand, or the default one until someone saves theirs.</summary>
    public Brand Current
    {
        get
        {
            if (cached is { } brand)
            {
                return brand;
            }

            using var db = dbFactory.CreateDbContext();
            brand = db.Brands.AsNoTracking().FirstOrDefault() ?? Brand.Default;
            cached = brand;
            return brand;
        }
    }

    /// <exception cref="RequestValidationException">A field is invalid (named), or the footer does not compile.</exception>
    public async Task<Brand> SaveAsync(Brand input, string actor, CancellationToken cancellationToken = default)
    {
        Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Brands.FirstOrDefaultAsync(cancellationToken);
        var before = row is null ? Brand.Default : row.Copy();
        if (row is null)
        {
            row = input.Copy();
            db.Brands.Add(row);
        }

        row.Name = input.Name.Trim();
        row.LogoUrl = string.IsNullOrWhiteSpace(input.LogoUrl) ? null : input.LogoUrl.Trim();
        row.PrimaryColor = input.PrimaryColor.ToLowerInvariant();
        row.BackgroundColor = input.BackgroundColor.ToLowerInvariant();
        row.FooterHtml = string.IsNullOrWhiteSpace(input.FooterHtml) ? null : input.FooterHtml;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = actor;
        var changed = new[]
        {
            ("name", before.Name, row.Name), ("logo", before.LogoUrl, row.LogoUrl), ("primary colour", before.PrimaryColor, row.PrimaryColor),
            ("background colour", before.BackgroundColor, row.BackgroundColor), ("footer", before.FooterHtml, row.FooterHtml),
        }.Where(c => c.Item2 != c.Item3).Select(c => c.Item1).ToList();
        audit.Add(db, actor, "brand.updated", "brand", "brand", row.Name, changed.Count == 0 ? "Saved without changes." : $"Changed {string.Join(", ", changed)}.");
        await db.SaveChangesAsync(cancellationToken);
        cached = row.Copy();
        return cached;
    }

    private void Validate(Brand input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "name", "The brand name must be 1 to 200 characters.");
        }

        if (!string.IsNullOrWhiteSpace(input.LogoUrl)
            && (!Uri.TryCreate(input.LogoUrl.Trim(), UriKind.Absolute, out var logo) || logo.Scheme is not ("http" or "https")))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "logo_url", "The logo must be an absolute http(s) URL.");
        }

        foreach (var (field, value) in new[] { ("primary_color", input.PrimaryColor), ("background_color", input.BackgroundColor) })
        {
            if (value is null || !Colour().IsMatch(value))
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{value}' is not a colour: write it as #rrggbb, e.g. #3f51b5.");
            }
        }

        if (renderer.Check(new TemplateContent { Email = new EmailContent { Subject = "check" } }, input.Copy()).FirstOrDefault() is { } error)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "footer_html", error.Message);
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
