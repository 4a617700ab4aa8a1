using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Incidents;

/// <summary>Settings → Alerts: who is told about incidents, and of which changes.</summary>
public sealed class AlertRecipientService(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, TimeProvider time)
{
    public async Task<IReadOnlyList<AlertRecipient>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AlertRecipients.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<AlertRecipient> AddAsync(string kind, string target, bool onOpened, bool onUpdated, bool onResolved, CancellationToken cancellationToken = default)
    {
        var recipient = new AlertRecipient
        {
            Kind = kind,
            Target = Validate(kind, target),
            OnOpened = onOpened,
            OnUpdated = onUpdated,
            OnResolved = onResolved,
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (kind == AlertRecipientKinds.Webhook && !await db.WebhookEndpoints.AnyAsync(e => e.Id == recipient.Target, cancellationToken))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "target", $"No outbound webhook endpoint '{recipient.Target}' (Settings → Webhooks lists their ids).");
        }

        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        db.AlertRecipients.Add(recipient);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return recipient;
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var removed = await db.AlertRecipients.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    private static string Validate(string kind, string target)
    {
        var text = target.Trim();
        if (!AlertRecipientKinds.All.Contains(kind))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "kind", $"The kind must be one of {string.Join(", ", AlertRecipientKinds.All)}.");
        }

        if (text.Length is 0 or > 500)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "target", "The target must be 1 to 500 characters.");
        }

        if (kind == AlertRecipientKinds.Email && !EmailAddress.TryParse(text, out _))
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "target", $"'{text}' is not an email address.");
        }

        return text;
    }
}
