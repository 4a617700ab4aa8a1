using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Simulated;
using NotificationOps.Engine.Routing;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Sends one message (DESIGN.md, Data flow 3): lease it, render, route (channel order, then provider order),
/// record the attempt before calling the provider, call it, record the answer and transition — SENT, a
/// scheduled retry, failover, or UNDELIVERABLE. Idempotent: a second run finds no lease to take.
/// </summary>
[AutomaticRetry(Attempts = 0)] // retries follow our schedule through SendRetryFilter, not Hangfire's default
public sealed class SendJob(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    ProviderRegistry providers,
    ContentRenderer renderer,
    MessageStatusWriter writer,
    RetrySchedule retries,
    IOptions<DeliveryOptions> options,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<SendJob> logger)
{
    private const int MaxResponseBody = 64 * 1024;

    public async Task RunAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return;
        }

        if (message.Status == MessageStatus.Delayed)
        {
            if (message.NextAttemptAt > now)
            {
                return; // not yet: its scheduled job or the recovery sweep comes back then
            }

            await writer.TryTransitionAsync(db, new TransitionRequest(messageId, MessageStatus.Delayed, MessageStatus.Enqueued, MessageEventSources.Pipeline)
            {
                Detail = "The delay has elapsed.",
            }, cancellationToken);
            message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == messageId, cancellationToken);
        }

        // A cheap look first; the lease itself is taken in the same transaction that records the attempt.
        if (!IsSendable(message.Status) || message.NextAttemptAt is null || message.LeaseUntil > now)
        {
            return; // sent already, canceled, or another job holds it
        }

        await DeliverAsync(db, message, cancellationToken);
    }

    private static bool IsSendable(MessageStatus status) =>
        status is MessageStatus.Enqueued or MessageStatus.Undeliverable or MessageStatus.Unroutable;

    /// <summary>
    /// Takes the message for this run: the first call needs it free, later calls (failover within the run)
    /// renew the lease this run holds. False when another job has it or it is no longer sendable.
    /// </summary>
    private async Task<bool> LeaseAsync(NotificationsDbContext db, Message message, Lease lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        var held = lease.Until;
        var updated = held is null
            ? await db.Messages
                .Where(m => m.Id == message.Id
                    && (m.Status == MessageStatus.Enqueued || m.Status == MessageStatus.Undeliverable || m.Status == MessageStatus.Unroutable)
                    && m.NextAttemptAt != null
                    && (m.LeaseUntil == null || m.LeaseUntil <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, until), cancellationToken)
            : await db.Messages
                .Where(m => m.Id == message.Id && m.LeaseUntil == held)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, until), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        var first = held is null;
        lease.Until = until;
        if (first)
        {
            await MarkCrashedAttemptsAsync(db, message, cancellationToken);
        }

        return true;
    }

    private async Task DeliverAsync(NotificationsDbContext db, Message message, CancellationToken cancellationToken)
    {
        var lease = new Lease();
        var request = JsonNode.Parse(message.RequestJson)!.AsObject();
        var body = request["message"]!.AsObject();
        var recipient = request["to"] as JsonObject ?? new JsonObject();
        var routed = RoutedChannels(body);
        var reachable = routed.Where(c => ChannelAddresses.For(c, recipient) is not null).ToList();

        (MessageStatus Status, MessageReason Reason, string Error)? refusal =
            message.ExpiresAt is { } expires && expires <= time.GetUtcNow()
                ? (MessageStatus.Undeliverable, MessageReason.Failed, $"Not sent within timeout.message (expired {expires:O}).")
            : message.Template is not null
                ? (MessageStatus.Undeliverable, MessageReason.Unpublished, $"Template '{message.Template}' has no published version.")
            : reachable.Count == 0
                ? (MessageStatus.Unroutable, MessageReason.NoChannels, $"The recipient has no address for any routed channel ({string.Join(", ", routed)}).")
            : null;
        if (refusal is { } refused)
        {
            if (await InTransactionAsync(db, () => LeaseAsync(db, message, lease, cancellationToken), cancellationToken))
            {
                await FailAsync(db, message, refused.Status, refused.Reason, refused.Error, cancellationToken);
            }

            return;
        }

        var (title, text) = SendRequestParser.ParseContent(body["content"]);
        var data = body["data"] as JsonObject;
        var channelIndex = message.RouteChannelIndex;
        var providerIndex = message.RouteProviderIndex;
        var sawProvider = false;
        var reason = MessageReason.ProviderError;
        string? lastError = null;
        while (channelIndex < reachable.Count)
        {
            var channel = reachable[channelIndex];
            var candidates = providers.ForChannel(channel, ProviderOverride(body, channel));
            if (providerIndex >= candidates.Count)
            {
                channelIndex++;
                providerIndex = 0;
                continue;
            }

            sawProvider = true;
            var provider = candidates[providerIndex];
            var rendered = renderer.Render(channel, title, text, data, recipient);
            var outcome = await AttemptAsync(db, message, lease, provider, rendered, ChannelAddresses.For(channel, recipient)!, channelIndex, providerIndex, cancellationToken);
            switch (outcome.Kind)
            {
                case AttemptKind.Done:
                    return;
                case AttemptKind.RetryScheduled:
                    throw new TransientDeliveryException(message.Id, outcome.RetryAt!.Value, outcome.Error ?? "transient failure");
                case AttemptKind.BudgetExhausted:
                    reason = MessageReason.Failed;
                    break;
                default:
                    reason = MessageReason.ProviderError;
                    break;
            }

            lastError = outcome.Error;
            providerIndex++;
            var next = providerIndex < candidates.Count
                ? $"{candidates[providerIndex].Id} ({channel})"
                : channelIndex + 1 < reachable.Count ? $"the {reachable[channelIndex + 1]} channel" : null;
            if (next is not null)
            {
                await NoteAsync(db, message.Id, MessageEventTypes.Failover, provider.Id,
                    $"{provider.Id} failed ({(reason == MessageReason.Failed ? "retry budget spent" : "permanent error")}): {lastError}. Trying {next}.", cancellationToken);
            }
        }

        if (lease.Until is null && !await InTransactionAsync(db, () => LeaseAsync(db, message, lease, cancellationToken), cancellationToken))
        {
            return;
        }

        await FailAsync(db, message, sawProvider ? MessageStatus.Undeliverable : MessageStatus.Unroutable,
            sawProvider ? reason : MessageReason.NoProviders,
            sawProvider ? lastError ?? "Every provider failed." : $"No enabled provider for the routed channels ({string.Join(", ", reachable)}).",
            cancellationToken);
    }

    private static async Task<bool> InTransactionAsync(NotificationsDbContext db, Func<Task<bool>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await work())
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<AttemptResult> AttemptAsync(
        NotificationsDbContext db, Message message, Lease lease, IDeliveryProvider provider, RenderedContent rendered, string address,
        int channelIndex, int providerIndex, CancellationToken cancellationToken)
    {
        var number = message.AttemptCount + 1;
        var started = time.GetUtcNow();
        var attempt = new DeliveryAttempt
        {
            MessageId = message.Id,
            Number = number,
            Channel = rendered.Channel,
            Provider = provider.Id,
            StartedAt = started,
            Outcome = AttemptOutcome.Pending,
        };

        // The attempt is durable before the provider hears of it: after a crash we know it may have gone out.
        var output = new JsonObject
        {
            ["channel"] = rendered.Channel,
            ["title"] = rendered.Title,
            ["text"] = rendered.Text,
            ["html"] = rendered.Html,
        }.ToJsonString();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await LeaseAsync(db, message, lease, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return new AttemptResult(AttemptKind.Done, null, null); // another job has it
            }

            db.DeliveryAttempts.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
            await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.AttemptCount, number)
                .SetProperty(m => m.Channel, rendered.Channel)
                .SetProperty(m => m.Provider, provider.Id)
                .SetProperty(m => m.RouteChannelIndex, channelIndex)
                .SetProperty(m => m.RouteProviderIndex, providerIndex)
                .SetProperty(m => m.OutputJson, output)
                .SetProperty(m => m.UpdatedAt, started), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        message.AttemptCount = number;
        var outgoing = new OutgoingMessage
        {
            MessageId = message.Id,
            AttemptNumber = number,
            Channel = rendered.Channel,
            To = address,
            Title = rendered.Title,
            Text = rendered.Text,
            Html = rendered.Html,
            EmailMessageId = message.EmailMessageId,
        };

        var result = await CallAsync(provider, outgoing, cancellationToken);
        var finished = time.GetUtcNow();
        attempt.FinishedAt = finished;
        attempt.RequestSummary = result.RequestSummary;
        attempt.ResponseStatus = result.ResponseStatus;
        attempt.ResponseBody = Truncate(result.ResponseBody);
        attempt.ErrorClass = result.ErrorClass;
        attempt.Error = result.Error;
        attempt.Outcome = result.Outcome switch
        {
            ProviderOutcome.Accepted or ProviderOutcome.Delivered => AttemptOutcome.Accepted,
            ProviderOutcome.TransientFailure => AttemptOutcome.TransientFailure,
            _ => AttemptOutcome.PermanentFailure,
        };

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (result.Succeeded)
        {
            var to = result.Outcome == ProviderOutcome.Delivered ? MessageStatus.Delivered : MessageStatus.Sent;
            var current = await CurrentStatusAsync(db, message.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var transition = await writer.TryTransitionAsync(db, new TransitionRequest(message.Id, current, to, MessageEventSources.Pipeline)
            {
                Provider = provider.Id,
                Detail = $"Attempt {number}: accepted by {provider.Id} ({rendered.Channel}) in {(finished - started).TotalMilliseconds:0} ms.",
                Payload = result.ResponseBody is null ? null : Truncate(result.ResponseBody),
                At = finished,
                AlsoSet = set => set
                    .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.ProviderMessageId, result.ProviderMessageId),
            }, cancellationToken);
            if (!transition.Applied)
            {
                // Canceled or moved on while we were sending: the provider has it anyway; say so in the history.
                await ClearPendingAsync(db, message.Id, cancellationToken);
                AddNote(db, message.Id, MessageEventTypes.Ignored, provider.Id,
                    $"Attempt {number} was accepted by {provider.Id}, but the message had meanwhile become {current.ToWire()}.");
                await db.SaveChangesAsync(cancellationToken);
            }

            var simulatedReceipt = transition.Applied && result.Outcome == ProviderOutcome.Accepted && provider is SimulatedProvider
                ? (SimulatedProvider)provider
                : null;
            if (simulatedReceipt is { Options.DeliveryDelayMs: 0 })
            {
                // An immediate simulated receipt is written with the acceptance: one commit, two events.
                await SimulatedReceiptJob.DeliverAsync(writer, db, message.Id, provider.Id, result.ProviderMessageId!, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            if (simulatedReceipt is { Options.DeliveryDelayMs: > 0 } simulated && result.ProviderMessageId is { } providerMessageId)
            {
                jobs.Schedule<SimulatedReceiptJob>(JobQueues.Send, job => job.RunAsync(message.Id, providerMessageId, CancellationToken.None),
                    TimeSpan.FromMilliseconds(simulated.Options.DeliveryDelayMs));
            }

            return new AttemptResult(AttemptKind.Done, null, null);
        }

        var error = $"{result.ErrorClass ?? ErrorClasses.Unknown}: {result.Error ?? "no detail"}";
        if (result.Outcome == ProviderOutcome.TransientFailure)
        {
            var budget = message.RetryBudgetUntil ?? retries.BudgetFrom(message.EnqueuedAt);
            var retryAt = retries.NextAttempt(number, result.RetryAfter, budget);
            if (retryAt is { } next)
            {
                await db.SaveChangesAsync(cancellationToken);
                await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.Error, Truncate(error, 2000))
                    .SetProperty(m => m.UpdatedAt, finished), cancellationToken);
                AddNote(db, message.Id, MessageEventTypes.RetryScheduled, provider.Id,
                    $"Attempt {number} via {provider.Id} failed ({error}). Next attempt at {next:O}{(result.RetryAfter is { } ra ? $" (Retry-After {ra.TotalSeconds:0} s)" : "")}.",
                    result.ResponseBody);
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return new AttemptResult(AttemptKind.RetryScheduled, next, error);
            }

            AddNote(db, message.Id, MessageEventTypes.AttemptFailed, provider.Id,
                $"Attempt {number} via {provider.Id} failed ({error}); the retry budget (until {budget:O}) is spent.", result.ResponseBody);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return new AttemptResult(AttemptKind.BudgetExhausted, null, error);
        }

        AddNote(db, message.Id, MessageEventTypes.AttemptFailed, provider.Id,
            $"Attempt {number} via {provider.Id} failed permanently ({error}).", result.ResponseBody);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new AttemptResult(AttemptKind.PermanentFailure, null, error);
    }

    private async Task<ProviderResult> CallAsync(IDeliveryProvider provider, OutgoingMessage outgoing, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds));
        try
        {
            return await provider.SendAsync(outgoing, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderResult.Transient(ErrorClasses.Timeout, $"No answer within {options.Value.AttemptTimeoutSeconds} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A provider is not supposed to throw; if one does, the outcome is unknown, so retrying is the safe side.
            logger.LogError(ex, "Provider {Provider} threw while sending {MessageId}", provider.Id, outgoing.MessageId);
            return ProviderResult.Transient(ErrorClasses.Unknown, ex.Message);
        }
    }

    /// <summary>An attempt left Pending by a dead process: it may or may not have reached the provider.</summary>
    private async Task MarkCrashedAttemptsAsync(NotificationsDbContext db, Message message, CancellationToken cancellationToken)
    {
        var orphans = await db.DeliveryAttempts.Where(a => a.MessageId == message.Id && a.Outcome == AttemptOutcome.Pending).ToListAsync(cancellationToken);
        if (orphans.Count == 0)
        {
            return;
        }

        foreach (var orphan in orphans)
        {
            orphan.Outcome = AttemptOutcome.Unknown;
            orphan.ErrorClass = ErrorClasses.Unknown;
            orphan.Error = "The process stopped during this attempt; whether the provider received it is unknown.";
            AddNote(db, message.Id, MessageEventTypes.Resent, orphan.Provider,
                $"Attempt {orphan.Number} via {orphan.Provider} was interrupted by a restart; sending again (at-least-once) with the same Message-ID {message.EmailMessageId}.");
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task FailAsync(NotificationsDbContext db, Message message, MessageStatus to, MessageReason reason, string error, CancellationToken cancellationToken)
    {
        var current = await CurrentStatusAsync(db, message.Id, cancellationToken);
        var result = await writer.TryTransitionAsync(db, new TransitionRequest(message.Id, current, to, MessageEventSources.Pipeline)
        {
            Reason = reason,
            Error = Truncate(error, 2000),
            AlsoSet = set => set
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
        }, cancellationToken);
        if (result.Applied)
        {
            return;
        }

        // Already UNDELIVERABLE (a retry by hand that failed again): nothing to transition, but the attempt
        // is over and the history says why.
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.Reason, reason)
            .SetProperty(m => m.Error, Truncate(error, 2000))
            .SetProperty(m => m.UpdatedAt, time.GetUtcNow()), cancellationToken);
        AddNote(db, message.Id, current.ToWire(), null, $"Still {current.ToWire()}: {reason.ToWire()}: {error}");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static async Task ClearPendingAsync(NotificationsDbContext db, string messageId, CancellationToken cancellationToken) =>
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);

    private static Task<MessageStatus> CurrentStatusAsync(NotificationsDbContext db, string messageId, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.Status).SingleAsync(cancellationToken);

    private async Task NoteAsync(NotificationsDbContext db, string messageId, string type, string? provider, string detail, CancellationToken cancellationToken)
    {
        AddNote(db, messageId, type, provider, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void AddNote(NotificationsDbContext db, string messageId, string type, string? provider, string detail, string? payload = null) =>
        db.MessageEvents.Add(new MessageEvent
        {
            MessageId = messageId,
            At = time.GetUtcNow(),
            Type = type,
            Source = MessageEventSources.Pipeline,
            Provider = provider,
            Detail = Truncate(detail, 4000),
            Payload = Truncate(payload),
        });

    private static IReadOnlyList<string> RoutedChannels(JsonObject body)
    {
        if (body["routing"]?["channels"] is JsonArray array)
        {
            var channels = new List<string>();
            Collect(array, channels);
            if (channels.Count > 0)
            {
                return channels;
            }
        }

        return Channels.DefaultOrder;
    }

    private static void Collect(JsonArray array, List<string> channels)
    {
        foreach (var item in array)
        {
            if (item is JsonObject nested && nested["channels"] is JsonArray inner)
            {
                Collect(inner, channels);
            }
            else if (item is JsonValue value && value.TryGetValue<string>(out var channel))
            {
                channel = channel.Trim().ToLowerInvariant();
                if (Channels.IsKnown(channel) && !channels.Contains(channel))
                {
                    channels.Add(channel);
                }
            }
        }
    }

    private static IReadOnlyList<string>? ProviderOverride(JsonObject body, string channel) =>
        body["channels"]?[channel]?["providers"] is JsonArray ids
            ? ids.OfType<JsonValue>().Select(v => v.ToString()).ToList()
            : null;

    private static string? Truncate(string? text, int max = MaxResponseBody) =>
        text is null || text.Length <= max ? text : text[..max];

    /// <summary>The lease this run holds (its expiry doubles as the token that proves it is ours).</summary>
    private sealed class Lease
    {
        public DateTimeOffset? Until { get; set; }
    }

    private enum AttemptKind
    {
        Done,
        RetryScheduled,
        BudgetExhausted,
        PermanentFailure,
    }

    private sealed record AttemptResult(AttemptKind Kind, DateTimeOffset? RetryAt, string? Error);
}
