using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// Creates, changes, rotates and deletes endpoints. Secrets are stored encrypted with Data Protection (keys in this
/// database, as provider secrets are) and leave this class only in the answer to create and rotate.
/// </summary>
public sealed class WebhookEndpointService(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    WebhookSubscriptions subscriptions,
    IOptions<WebhookOptions> options,
    TimeProvider time)
{
    /// <summary>How long a rotated-out secret keeps signing alongside the new one.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    private readonly IDataProtector protector = dataProtection.CreateProtector("NotificationOps.WebhookSecrets.v1");

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<WebhookEndpoint?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
    }

    /// <exception cref="RequestValidationException">A field is missing or wrong; nothing is stored.</exception>
    public async Task<CreatedWebhookEndpoint> CreateAsync(WebhookEndpointChange change, CancellationToken cancellationToken = default)
    {
        if (change.Url is null)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "url", "'url' is required.");
        }

        await ValidateAsync(change, cancellationToken);
        var now = time.GetUtcNow();
        var secret = WebhookSigner.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Id = "we_" + Guid.NewGuid().ToString("N"),
            Url = change.Url,
            Description = change.Description,
            Events = string.Join(',', change.Events ?? [Messages.MessageChange.Updated]),
            Enabled = change.Enabled ?? true,
            IncludeMachineHits = change.IncludeMachineHits ?? false,
            ProtectedSecret = protector.Protect(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        subscriptions.Invalidate();
        return new CreatedWebhookEndpoint(endpoint, secret);
    }

    /// <summary>Applies the fields that are set; null when there is no endpoint <paramref name="id"/>. Enabling clears a disable reason.</summary>
    public async Task<WebhookEndpoint?> UpdateAsync(string id, WebhookEndpointChange change, CancellationToken cancellationToken = default)
    {
        await ValidateAsync(change, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return null;
        }

        endpoint.Url = change.Url ?? endpoint.Url;
        endpoint.Events = change.Events is null ? endpoint.Events : string.Join(',', change.Events);
        endpoint.Description = change.Description ?? endpoint.Description;
        endpoint.IncludeMachineHits = change.IncludeMachineHits ?? endpoint.IncludeMachineHits;
        if (change.Enabled is { } enabled && enabled != endpoint.Enabled)
        {
            endpoint.Enabled = enabled;
            endpoint.DisabledReason = null;
            endpoint.DisabledAt = enabled ? null : time.GetUtcNow();
            endpoint.FailingSince = null;
        }

        endpoint.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        subscriptions.Invalidate();
        return endpoint;
    }

    /// <summary>A new secret; the old one keeps signing alongside it for <see cref="RotationOverlap"/>.</summary>
    public async Task<CreatedWebhookEndpoint?> RotateSecretAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var secret = WebhookSigner.NewSecret();
        endpoint.ProtectedPreviousSecret = endpoint.ProtectedSecret;
        endpoint.PreviousSecretExpiresAt = now + RotationOverlap;
        endpoint.ProtectedSecret = protector.Protect(secret);
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhookEndpoint(endpoint, secret);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        subscriptions.Invalidate();
        return deleted;
    }

    /// <summary>The secrets that sign now: the current one first, then the previous one while its overlap lasts.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookEndpoint endpoint)
    {
        var current = protector.Unprotect(endpoint.ProtectedSecret);
        return endpoint.ProtectedPreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > time.GetUtcNow()
            ? [current, protector.Unprotect(previous)]
            : [current];
    }

    private async Task ValidateAsync(WebhookEndpointChange change, CancellationToken cancellationToken)
    {
        if (change.Url is not null)
        {
            if (change.Url.Length > 2048)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, "url", "'url' is longer than 2048 characters.");
            }

            var problem = await OutboundAddressGuard.CheckUrlAsync(change.Url, options.Value.AllowPrivateAddresses, "Webhooks:AllowPrivateAddresses", cancellationToken);
            if (problem is not null)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, "url", $"'url' {problem}");
            }
        }

        if (change.Events is { } events)
        {
            if (events.Count == 0)
            {
                throw new RequestValidationException(ValidationErrorKind.Invalid, "events", $"'events' must name at least one of {string.Join(", ", WebhookEvents.Subscribable)}.");
            }

            foreach (var name in events)
            {
                if (WebhookEvents.NotYetAvailable.Contains(name))
                {
                    throw new RequestValidationException(ValidationErrorKind.Invalid, "events", $"'{name}' is not emitted yet; subscribe to {string.Join(", ", WebhookEvents.Subscribable)}.");
                }

                if (!WebhookEvents.Subscribable.Contains(name))
                {
                    throw new RequestValidationException(ValidationErrorKind.Invalid, "events", $"'{name}' is not an event; use {string.Join(", ", WebhookEvents.Subscribable)}.");
                }
            }
        }

        if (change.Description is { Length: > 500 })
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "description", "'description' is longer than 500 characters.");
        }
    }
}
