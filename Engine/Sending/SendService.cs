using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Routing;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Intake (DESIGN.md, Data flow 1–2): one message row per recipient (per channel for routing "all"), status
/// ENQUEUED or DELAYED, with its first history event, in one transaction; the jobs are enqueued after commit.
/// </summary>
public sealed class SendService(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IntakeWriter intake,
    IBackgroundJobClient jobs,
    RetrySchedule retries,
    TemplateCatalog templates,
    ProviderRegistry providers,
    TimeProvider time,
    NotificationMetrics? metrics = null)
{
    public async Task<SendAccepted> AcceptAsync(SendRequest request, string source = MessageEventSources.Api, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (request.DelayUntil > now + SendRequestParser.MaxWait)
        {
            // Far-future times overflow every later sum (timeout, retry budget); a year is already more than any use.
            throw new RequestValidationException(ValidationErrorKind.Invalid, "message.delay.until", "'message.delay.until' must be at most one year ahead.");
        }

        RefuseUnknownProviders(request.Message);
        var requestId = MessageIds.New();
        var startAt = request.DelayUntil ?? (request.Delay is { } delay ? now + delay : now);
        var delayed = startAt > now;

        var userIds = request.Recipients.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct().ToList();
        var profiles = new Dictionary<string, string>();
        if (userIds.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            profiles = await db.Profiles.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.DataJson, cancellationToken);
        }

        // Pinned now: the message renders this version on every attempt, whatever is published later. None
        // published leaves it unpinned, and the pipeline refuses it (UNDELIVERABLE, UNPUBLISHED).
        var pinned = request.Template is not { } template ? null
            : request.TemplateVersion is { } version ? await templates.FindVersionAsync(template, version, cancellationToken)
            : await templates.FindPublishedAsync(template, cancellationToken);

        var messages = new List<Message>();
        foreach (var recipient in request.Recipients)
        {
            var merged = Merge(recipient, recipient.UserId is null ? null : profiles.GetValueOrDefault(recipient.UserId));
            foreach (var channels in Split(request, merged, pinned?.Content))
            {
                var message = NewMessage(request, requestId, merged, channels, now, startAt, delayed);
                message.TemplateId = pinned?.TemplateId;
                message.TemplateVersion = pinned?.Version;
                messages.Add(message);
            }
        }

        // For a single message the request id is the message id, as Courier does.
        if (messages.Count == 1)
        {
            messages[0].Id = requestId;
        }

        var events = new List<MessageEvent>(messages.Count);
        var tags = new List<MessageTag>();
        foreach (var message in messages)
        {
            events.Add(new MessageEvent
            {
                MessageId = message.Id,
                At = now,
                Type = message.Status.ToWire(),
                Status = message.Status,
                Source = source,
                Detail = delayed ? $"Delayed until {startAt:O}." : null,
            });
            tags.AddRange(request.Tags.Select(tag => new MessageTag { MessageId = message.Id, Tag = tag }));
        }

        // Committed (with other requests' rows, in one transaction) before we answer.
        await intake.WriteAsync(messages, events, tags);

        // Immediate sends were handed to batch jobs by the intake writer after its commit; delayed ones wait here.
        if (delayed)
        {
            foreach (var message in messages)
            {
                jobs.Schedule<SendJob>(JobQueues.Send, job => job.RunAsync(message.Id, CancellationToken.None), startAt);
            }
        }

        metrics?.SendAccepted(messages.Count);
        return new SendAccepted(requestId, messages.Select(m => m.Id).ToList());
    }

    /// <summary>A provider id the request names must exist: 422 naming it, not a message that can never be routed as asked.</summary>
    private void RefuseUnknownProviders(JsonObject message)
    {
        var named = new List<(string Id, string Field)>();
        if (message["providers"] is JsonObject overrides)
        {
            named.AddRange(overrides.Select(p => (p.Key, $"message.providers.{p.Key}")));
        }

        if (message["channels"] is JsonObject channels)
        {
            foreach (var (channel, config) in channels)
            {
                if (config?["providers"] is JsonArray ids)
                {
                    named.AddRange(ids.Select((id, i) => (id is JsonValue v ? v.ToString() : string.Empty, $"message.channels.{channel}.providers[{i}]")));
                }
            }
        }

        foreach (var (id, field) in named)
        {
            // An integration id, or (as Courier keys them) a provider type one of the integrations has.
            if (providers.Find(id) is null && !providers.All.Any(p => string.Equals(p.Type, id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new RequestValidationException(ValidationErrorKind.Unprocessable, field,
                    $"Unknown provider '{id}' (configured: {string.Join(", ", providers.All.Select(p => p.Id))}).");
            }
        }
    }

    private Message NewMessage(SendRequest request, string requestId, JsonObject recipient, IReadOnlyList<string>? channels, DateTimeOffset now, DateTimeOffset startAt, bool delayed)
    {
        var message = (JsonObject)request.Message.DeepClone();
        if (channels is not null)
        {
            message["routing"] = new JsonObject
            {
                ["method"] = RoutingMethods.Single,
                ["channels"] = new JsonArray(channels.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
            };
        }

        var userId = ChannelAddresses.Text(recipient, "user_id");
        var email = ChannelAddresses.Text(recipient, "email");
        var phone = ChannelAddresses.Text(recipient, "phone_number");
        return new Message
        {
            Id = MessageIds.New(),
            RequestId = requestId,
            Recipient = userId ?? email ?? phone ?? ChannelAddresses.For(Channels.Chat, recipient) ?? "(unknown)",
            RecipientUserId = userId,
            RecipientEmail = email,
            RecipientPhone = phone,
            RequestJson = new JsonObject { ["message"] = message, ["to"] = recipient.DeepClone() }.ToJsonString(),
            Template = request.Template,
            Status = delayed ? MessageStatus.Delayed : MessageStatus.Enqueued,
            EnqueuedAt = now,
            UpdatedAt = now,
            NextAttemptAt = startAt,
            RetryBudgetUntil = retries.BudgetFrom(startAt),
            ExpiresAt = request.Timeout is { } timeout ? startAt + timeout : null,
            Tags = request.Tags.Count == 0 ? null : string.Join(",", request.Tags),
            TraceId = request.TraceId,
        };
    }

    /// <summary>"all" becomes one message per reachable channel; "single" stays one message.</summary>
    private static IEnumerable<IReadOnlyList<string>?> Split(SendRequest request, JsonObject recipient, TemplateContent? template)
    {
        if (request.RoutingMethod != RoutingMethods.All)
        {
            yield return null;
            yield break;
        }

        var reachable = (request.RoutingChannels ?? Channels.DefaultOrder)
            .Where(c => ChannelAddresses.For(c, recipient) is not null && (template is null || template.Has(c)))
            .ToList();
        if (reachable.Count == 0)
        {
            // One message that the pipeline marks UNROUTABLE (NO_CHANNELS), so the failure is visible.
            yield return request.RoutingChannels ?? Channels.DefaultOrder;
            yield break;
        }

        foreach (var channel in reachable)
        {
            yield return [channel];
        }
    }

    /// <summary>The stored profile, overridden by whatever the send gave inline.</summary>
    private static JsonObject Merge(RecipientSpec recipient, string? profileJson)
    {
        var merged = profileJson is null ? new JsonObject() : JsonNode.Parse(profileJson) as JsonObject ?? new JsonObject();
        foreach (var (key, value) in recipient.Raw)
        {
            merged[key] = value?.DeepClone();
        }

        if (recipient.Email is not null)
        {
            merged["email"] = recipient.Email;
        }

        if (recipient.PhoneNumber is not null)
        {
            merged["phone_number"] = recipient.PhoneNumber;
        }
        else if (merged["phone_number"] is JsonValue stored && stored.TryGetValue<string>(out var phone)
            && SendRequestParser.NormalisePhone(phone) is { } normalised)
        {
            merged["phone_number"] = normalised; // a profile may hold "+1 (415) 555-0100"; providers want E.164
        }

        return merged;
    }
}
