using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Incidents;

/// <summary>
/// Tells the Settings → Alerts recipients about incident changes, as ordinary messages through the one send path
/// (so they are in the event log, tagged <c>ops-alert</c> and <c>incident-&lt;id&gt;</c>, and retried like any message);
/// a webhook recipient gets an event whose delivery is counted on the incident (<see cref="SentAsync"/>).
/// </summary>
public sealed class IncidentAlerts(
    IDbContextFactory<NotificationsDbContext> dbFactory, SendService sends, WebhookDeliveryLog webhooks, ProviderRegistry providers, ILogger<IncidentAlerts> logger)
{
    public const string Tag = "ops-alert";

    /// <summary>The tag naming the incident an alert is about (event log filter <c>?tag=incident-12</c>).</summary>
    public static string IncidentTag(long incidentId) => $"incident-{incidentId}";

    /// <summary>The alerts sent about each of <paramref name="incidentIds"/> (absent when none were).</summary>
    public async Task<IReadOnlyDictionary<long, AlertsSent>> SentAsync(IReadOnlyCollection<long> incidentIds, CancellationToken cancellationToken = default)
    {
        if (incidentIds.Count == 0)
        {
            return new Dictionary<long, AlertsSent>();
        }

        var tags = incidentIds.Select(IncidentTag).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = await db.MessageTags.AsNoTracking()
            .Where(t => tags.Contains(t.Tag))
            .GroupBy(t => t.Tag)
            .Select(g => new { Tag = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EventType == WebhookEvents.IncidentUpdated && d.Detail != null && tags.Contains(d.Detail))
            .GroupBy(d => new { d.Detail, d.State })
            .Select(g => new { g.Key.Detail, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var sent = new Dictionary<long, AlertsSent>();
        foreach (var id in incidentIds)
        {
            var tag = IncidentTag(id);
            var ofIncident = deliveries.Where(d => d.Detail == tag).ToList();
            var view = new AlertsSent(
                tag,
                messages.FirstOrDefault(m => m.Tag == tag)?.Count ?? 0,
                ofIncident.Sum(d => d.Count),
                ofIncident.Where(d => d.State == WebhookDeliveryState.Delivered).Sum(d => d.Count),
                ofIncident.Where(d => d.State == WebhookDeliveryState.Failed).Sum(d => d.Count));
            if (view.Messages + view.WebhookDeliveries > 0)
            {
                sent[id] = view;
            }
        }

        return sent;
    }

    public async Task<int> SendAsync(IReadOnlyList<IncidentChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recipients = await db.AlertRecipients.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var change in changes)
        {
            var to = recipients.Where(r => change.Kind switch
            {
                IncidentChangeKind.Opened => r.OnOpened,
                IncidentChangeKind.Resolved => r.OnResolved,
                _ => r.OnUpdated,
            }).ToList();
            foreach (var recipient in to)
            {
                try
                {
                    if (recipient.Kind == AlertRecipientKinds.Webhook)
                    {
                        // Not a message: an event queued for that endpoint, delivered and retried like its other events.
                        // Its detail names the incident, so the Status page counts it with the incident's alert messages.
                        await webhooks.QueueAsync(recipient.Target, WebhookEvents.IncidentUpdated, WebhookPayloads.ForIncident(change), cancellationToken, IncidentTag(change.IncidentId));
                    }
                    else
                    {
                        await sends.AcceptAsync(SendRequestParser.Parse(Body(change, recipient, providers)), MessageEventSources.Pipeline, cancellationToken);
                    }

                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // An alert that cannot be accepted must not stop the evaluation that found the incident.
                    logger.LogWarning(ex, "The alert for incident {IncidentId} to {Kind} {Target} was not accepted.", change.IncidentId, recipient.Kind, recipient.Target);
                }
            }
        }

        return sent;
    }

    /// <summary>
    /// A send request for one recipient: title and body of the change, tagged, to the recipient's channel, through
    /// that channel's providers the incident does not find failing (a failing provider's transient errors would
    /// keep the alert retrying on it until it recovers). When every provider of the channel fails, it goes the
    /// usual way: the incident's alert note says it cannot get out.
    /// </summary>
    internal static JsonObject Body(IncidentChange change, AlertRecipient recipient, ProviderRegistry providers)
    {
        var verb = change.Kind switch
        {
            IncidentChangeKind.Opened => "Incident opened",
            IncidentChangeKind.Resolved => "Incident resolved",
            _ => "Incident updated",
        };
        var text = change.AlertNote is null ? change.Body : $"{change.Body}\n\n{change.AlertNote}";
        JsonObject to = recipient.Kind switch
        {
            AlertRecipientKinds.Slack => new JsonObject { ["slack"] = Chat("channel", "webhook_url", recipient.Target) },
            AlertRecipientKinds.Teams => new JsonObject { ["ms_teams"] = Chat("conversation_id", "webhook_url", recipient.Target) },
            _ => new JsonObject { ["email"] = recipient.Target },
        };
        var channel = recipient.Kind == AlertRecipientKinds.Email ? "email" : "chat";
        var message = new JsonObject
        {
            ["to"] = to,
            ["content"] = new JsonObject
            {
                ["title"] = $"[{StatusNames.Of(change.Status)}] {verb}: {change.Title}",
                ["body"] = $"{text}\n\nIncident #{change.IncidentId}.",
            },
            ["routing"] = new JsonObject { ["method"] = "single", ["channels"] = new JsonArray(channel) },
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(Tag, IncidentTag(change.IncidentId)) },
        };
        var all = providers.ForChannel(channel).Select(p => p.Id).ToList();
        var healthy = all.Where(id => !change.FailingProviders.Contains(id, StringComparer.OrdinalIgnoreCase)).ToList();
        if (healthy.Count > 0 && healthy.Count < all.Count)
        {
            message["channels"] = new JsonObject { [channel] = new JsonObject { ["providers"] = new JsonArray([.. healthy.Select(id => JsonValue.Create(id))]) } };
        }

        return new JsonObject { ["message"] = message };
    }

    private static JsonObject Chat(string idField, string urlField, string target) =>
        new() { [target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? urlField : idField] = target };
}
