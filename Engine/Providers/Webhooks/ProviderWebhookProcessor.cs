using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Observability;

namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>
/// Takes in one provider webhook call (DESIGN.md, Data flow 4): the integration must exist and be of that
/// provider; the call must be authentic (else 401, nothing stored) and well-formed (else 400); then each event
/// is stored once (dedupe by the provider's event id), mapped through the provider's table and applied through
/// the status writer — never backwards — with the raw payload on the message's history either way.
/// </summary>
public sealed class ProviderWebhookProcessor(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    MessageStatusWriter writer,
    ProviderRegistry registry,
    IEnumerable<IProviderWebhook> webhooks,
    IWriteTransactions writes,
    TimeProvider time,
    ILogger<ProviderWebhookProcessor> logger,
    NotificationMetrics? metrics = null)
{
    private readonly Dictionary<string, IProviderWebhook> byType = webhooks.ToDictionary(w => w.ProviderType, StringComparer.OrdinalIgnoreCase);

    public bool Supports(string providerType) => byType.ContainsKey(providerType);

    public async Task<WebhookOutcome> HandleAsync(string providerType, string integrationId, WebhookRequest request, CancellationToken cancellationToken)
    {
        var entry = registry.Integration(integrationId);
        if (!byType.TryGetValue(providerType, out var webhook) || entry is null || !string.Equals(entry.Type, providerType, StringComparison.OrdinalIgnoreCase))
        {
            return new WebhookOutcome(StatusCodes.Status404NotFound, "No such integration for this provider.");
        }

        WebhookVerdict verdict;
        IReadOnlyList<ProviderStatusEvent> events;
        try
        {
            verdict = await webhook.VerifyAsync(request, entry.Settings, new WebhookContext(time, TryRememberAsync), cancellationToken);
            if (!verdict.Valid)
            {
                logger.LogWarning("Refused a {Provider} webhook for {Integration}: {Problem}", providerType, integrationId, verdict.Problem);
                return new WebhookOutcome(StatusCodes.Status401Unauthorized, verdict.Problem ?? "Not authenticated.");
            }

            if (verdict.Handled)
            {
                return new WebhookOutcome(StatusCodes.Status200OK, "Handled.");
            }

            events = webhook.Parse(request);
        }
        catch (JsonBodyException ex)
        {
            return new WebhookOutcome(StatusCodes.Status400BadRequest, ex.Message) { Field = ex.Field };
        }
        catch (FormatException ex)
        {
            return new WebhookOutcome(StatusCodes.Status400BadRequest, ex.Message) { Field = ex.Data["field"] as string };
        }

        int applied = 0, duplicates = 0, unmatched = 0;
        foreach (var e in events)
        {
            switch (await ApplyAsync(webhook, entry, e, cancellationToken))
            {
                case EventResult.Duplicate:
                    duplicates++;
                    break;
                case EventResult.Unmatched:
                    unmatched++;
                    break;
                default:
                    applied++;
                    break;
            }
        }

        return new WebhookOutcome(StatusCodes.Status200OK, $"{applied} recorded, {duplicates} duplicate, {unmatched} unmatched.")
        {
            Applied = applied,
            Duplicates = duplicates,
            Unmatched = unmatched,
        };
    }

    private async Task<EventResult> ApplyAsync(IProviderWebhook webhook, ProviderIntegrationEntry entry, ProviderStatusEvent e, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var scope = webhook.ProviderType;
        if (await db.ProviderWebhookReceipts.AnyAsync(r => r.Scope == scope && r.Key == e.EventId, cancellationToken))
        {
            return EventResult.Duplicate;
        }

        var message = await FindMessageAsync(db, e, cancellationToken);
        db.ProviderWebhookReceipts.Add(new ProviderWebhookReceipt { Scope = scope, Key = e.EventId, MessageId = message?.Id, ReceivedAt = time.GetUtcNow() });
        if (message is not null)
        {
            await RecordAsync(db, webhook.Mapping, entry, message.Value, e, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same event arrived twice at once and the other request stored it first.
            if (await IsDuplicateAsync(scope, e.EventId, cancellationToken))
            {
                return EventResult.Duplicate;
            }

            throw;
        }

        // Intake lag: how long after the provider's own time for the event it is stored here (its queue and ours).
        if (e.At is { } happened)
        {
            metrics?.WebhookReceived(scope, time.GetUtcNow() - happened);
        }

        return message is null ? EventResult.Unmatched : EventResult.Applied;
    }

    private async Task RecordAsync(NotificationsDbContext db, StatusMappingTable mapping, ProviderIntegrationEntry entry, (string Id, MessageStatus Status) message, ProviderStatusEvent e, CancellationToken cancellationToken)
    {
        var rule = mapping.Find(e.ProviderStatus);
        var said = $"{mapping.ProviderName} {e.ProviderStatus}" + (e.Detail is { Length: > 0 } d ? $" ({d})" : "");
        if (rule?.To is { } to)
        {
            var request = new TransitionRequest(message.Id, message.Status, to, MessageEventSources.Webhook)
            {
                Reason = rule.Reason,
                Error = to == MessageStatus.Undeliverable ? Truncate(said) : null,
                Provider = entry.Id,
                Detail = Truncate($"{said} → {rule.WeShow}"),
                Payload = e.RawPayload,
                At = e.At,
            };
            var result = await writer.TryTransitionAsync(db, request, cancellationToken);
            var status = message.Status;
            if (result.Outcome == TransitionOutcome.Conflict)
            {
                status = await db.Messages.Where(m => m.Id == message.Id).Select(m => m.Status).FirstAsync(cancellationToken);
                result = await writer.TryTransitionAsync(db, request with { ExpectedFrom = status }, cancellationToken);
            }

            if (result.Applied)
            {
                return;
            }

            Note(db, entry, message.Id, e, $"{said} → {rule.WeShow}; not applied: the message is already {status.ToWire()} (a status never goes back).");
            return;
        }

        Note(db, entry, message.Id, e, rule is null
            ? $"{said}: a status {mapping.ProviderName} does not document; recorded and otherwise ignored."
            : $"{said} → {rule.WeShow}: {rule.Meaning}");
    }

    private void Note(NotificationsDbContext db, ProviderIntegrationEntry entry, string messageId, ProviderStatusEvent e, string detail) =>
        db.MessageEvents.Add(new MessageEvent
        {
            MessageId = messageId,
            At = e.At ?? time.GetUtcNow(),
            Type = MessageEventTypes.ProviderEvent,
            Source = MessageEventSources.Webhook,
            Provider = entry.Id,
            Detail = Truncate(detail),
            Payload = e.RawPayload,
        });

    /// <summary>Our id when the provider echoed it, else the provider's id for the message as its send answer gave it.</summary>
    private static async Task<(string Id, MessageStatus Status)?> FindMessageAsync(NotificationsDbContext db, ProviderStatusEvent e, CancellationToken cancellationToken)
    {
        if (e.MessageId is { } id)
        {
            var byId = await db.Messages.Where(m => m.Id == id).Select(m => new { m.Id, m.Status }).FirstOrDefaultAsync(cancellationToken);
            if (byId is not null)
            {
                return (byId.Id, byId.Status);
            }
        }

        if (e.ProviderMessageId is { } providerId)
        {
            var byProvider = await db.Messages.Where(m => m.ProviderMessageId == providerId).Select(m => new { m.Id, m.Status }).FirstOrDefaultAsync(cancellationToken);
            if (byProvider is not null)
            {
                return (byProvider.Id, byProvider.Status);
            }
        }

        return null;
    }

    private async Task<bool> TryRememberAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ProviderWebhookReceipts.AnyAsync(r => r.Scope == scope && r.Key == key, cancellationToken))
        {
            return false;
        }

        db.ProviderWebhookReceipts.Add(new ProviderWebhookReceipt { Scope = scope, Key = key, ReceivedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await IsDuplicateAsync(scope, key, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private async Task<bool> IsDuplicateAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProviderWebhookReceipts.AnyAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    private enum EventResult
    {
        Applied,
        Duplicate,
        Unmatched,
    }
}
