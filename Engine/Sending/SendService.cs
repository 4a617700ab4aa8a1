using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Lists;
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
    SendMessageFactory factory,
    TemplateCatalog templates,
    ProviderRegistry providers,
    TimeProvider time,
    NotificationMetrics? metrics = null)
{
    /// <param name="answer">
    /// For a request holding an Idempotency-Key: its answer, given the request id, stored with the messages (a retry after
    /// a crash right after the commit replays it instead of sending again).
    /// </param>
    public async Task<SendAccepted> AcceptAsync(SendRequest request, string source = MessageEventSources.Api, CancellationToken cancellationToken = default,
        Func<string, IdempotentAnswer>? answer = null)
    {
        var now = time.GetUtcNow();
        if (request.DelayUntil > now + SendRequestParser.MaxWait)
        {
            // Far-future times overflow every later sum (timeout, retry budget); a year is already more than any use.
            throw new RequestValidationException(ValidationErrorKind.Invalid, "message.delay.until", "'message.delay.until' must be at most one year ahead.");
        }

        RefuseUnknownProviders(request.Message);
        var requestId = request.RequestId ?? MessageIds.New();
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
            // Beside lists, a user's id derives from the request and the user, as the members' do: one message per person.
            Func<int, string>? idFor = request.Groups.Count > 0 && recipient.UserId is { } user ? split => SendMessageFactory.MemberMessageId(requestId, user, split) : null;
            foreach (var message in factory.Build(request, requestId, recipient, recipient.UserId is null ? null : profiles.GetValueOrDefault(recipient.UserId), pinned?.Content, now, startAt, delayed, idFor))
            {
                message.TemplateId = pinned?.TemplateId;
                message.TemplateVersion = pinned?.Version;
                messages.Add(message);
            }
        }

        // For a single message the request id is the message id, as Courier does.
        if (messages.Count == 1 && request.Groups.Count == 0)
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
                Detail = delayed ? $"Delayed until {EventTime.Utc(startAt)}." : null,
            });
            tags.AddRange(request.Tags.Select(tag => new MessageTag { MessageId = message.Id, Tag = tag }));
        }

        // Committed (with other requests' rows, in one transaction) before we answer.
        var fanOut = request.Groups.Count == 0 ? null : new FanOutRequest
        {
            Id = requestId,
            RequestJson = FanOutBody(request, source),
            TemplateId = pinned?.TemplateId,
            TemplateVersion = pinned?.Version,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await intake.WriteAsync(messages, events, tags, fanOut, answer?.Invoke(requestId));

        // The intake writer handed the messages to the send jobs after its commit: due ones now, delayed ones at their time.
        metrics?.SendAccepted(messages.Count);
        return new SendAccepted(requestId, messages.Select(m => m.Id).ToList());
    }

    /// <summary>
    /// The send as the fan-out parses it again: the message with only its lists in <c>to</c>, and who sent it (the
    /// members' first history event names it, as the directly sent messages' do).
    /// </summary>
    private static string FanOutBody(SendRequest request, string source)
    {
        var message = (JsonObject)request.Message.DeepClone();
        message["to"] = new JsonArray(request.Groups.Select(g => (JsonNode)g.ToJson()).ToArray());
        return new JsonObject { ["message"] = message, [FanOutSourceKey] = source }.ToJsonString();
    }

    /// <summary>The stored fan-out body's key for the source the send was accepted from (absent: <c>api</c>).</summary>
    public const string FanOutSourceKey = "source";

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
}
