using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Simulated;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Sends messages (DESIGN.md, Data flow 3): lease, render, route (channel order, then provider order), record the
/// attempt before calling the provider, call it, record the answer and transition — SENT, a scheduled retry,
/// failover, or UNDELIVERABLE. <see cref="RunBatchAsync"/> does this for many messages with one transaction
/// before and one after the provider calls; <see cref="RunAsync"/> does it for one message, through every
/// failover step, and is what Hangfire retries. Both are idempotent: a second run finds no lease to take.
/// </summary>
[AutomaticRetry(Attempts = 0)] // retries follow our schedule through SendRetryFilter, not Hangfire's default
public sealed class SendJob(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    DeliveryPlanner planner,
    MessageStatusWriter writer,
    RetrySchedule retries,
    IOptions<DeliveryOptions> options,
    IBackgroundJobClient jobs,
    TrackingDecorator tracking,
    TimeProvider time,
    ILogger<SendJob> logger)
{
    /// <summary>Largest batch one job takes.</summary>
    public const int MaxBatch = 200;

    private const int MaxResponseBody = 64 * 1024;
    private const int MaxConcurrentCalls = 32;

    public async Task RunAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await LoadSendableAsync(db, messageId, cancellationToken);
        if (message is not null)
        {
            await DeliverAsync(db, message, cancellationToken);
        }
    }

    /// <summary>
    /// The first attempt of many messages at once. A message that needs more than that — a retry, failover to
    /// another provider, a refusal — continues as its own <see cref="RunAsync"/> job.
    /// </summary>
    public async Task RunBatchAsync(string[] messageIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var ids = messageIds.Distinct().Take(MaxBatch).ToList();
        var loaded = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        var work = new List<(Message Message, DeliveryPlan Plan, DeliveryTarget Target)>();
        foreach (var message in loaded)
        {
            if (message.Status == MessageStatus.Delayed || !IsSendable(message.Status) || message.NextAttemptAt is null || message.LeaseUntil > now)
            {
                if (message.Status == MessageStatus.Delayed)
                {
                    jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunAsync(message.Id, CancellationToken.None));
                }

                continue;
            }

            var plan = planner.Plan(message);
            var target = plan.Refusal is null ? planner.Next(plan, message.RouteChannelIndex, message.RouteProviderIndex) : null;
            if (target is null)
            {
                jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunAsync(message.Id, CancellationToken.None));
                continue;
            }

            work.Add((message, plan, await tracking.ApplyAsync(message.Id, target, cancellationToken)));
        }

        if (work.Count == 0)
        {
            return;
        }

        // One transaction: take the leases and record every attempt before any provider hears of it.
        var leaseUntil = now + options.Value.Lease;
        var owner = Guid.NewGuid().ToString("N");
        var candidates = work.Select(w => w.Message.Id).ToList();
        var attempts = new Dictionary<string, DeliveryAttempt>();
        // Serialised before the write lock is taken: nothing inside the transaction but the statements.
        var outputs = work.ToDictionary(w => w.Message.Id, w => w.Target.Rendered.ToJson());
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            await db.Messages
                .Where(m => candidates.Contains(m.Id)
                    && MessageStatusMachine.SendableStatuses.Contains(m.Status)
                    && m.NextAttemptAt != null
                    && (m.LeaseUntil == null || m.LeaseUntil <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, leaseUntil).SetProperty(m => m.LeaseOwner, owner), cancellationToken);
            // Read under the lease: nothing else changes these messages' attempt counts now.
            var leased = await db.Messages.Where(m => candidates.Contains(m.Id) && m.LeaseOwner == owner)
                .Select(m => new { m.Id, m.AttemptCount }).ToDictionaryAsync(m => m.Id, m => m.AttemptCount, cancellationToken);
            work.RemoveAll(w => !leased.ContainsKey(w.Message.Id));
            await MarkCrashedAttemptsAsync(db, work.Select(w => w.Message).ToList(), cancellationToken);

            foreach (var (message, _, target) in work)
            {
                message.AttemptCount = leased[message.Id] + 1;
                attempts[message.Id] = NewAttempt(message, target, now, message.AttemptCount);
            }

            // Every stamp in one statement, every attempt and link and note in multi-row INSERTs.
            await ModelRowUpdater.UpdateAsync<Message>(
                db,
                StampValues,
                work.Select(w => Stamp(w.Message, w.Target, outputs[w.Message.Id])).ToList(),
                StampSet,
                "t.\"Id\" = v.\"Id\" AND t.\"LeaseOwner\" = @owner",
                nameof(Message.Id),
                [("owner", nameof(Message.LeaseOwner), owner), ("now", nameof(Message.UpdatedAt), now)],
                cancellationToken);
            await ModelRowInserter.InsertAsync(db, attempts.Values.ToList(), cancellationToken);
            await TrackingDecorator.SaveLinksAsync(db, work.SelectMany(w => w.Target.Links), cancellationToken);
            await ModelRowInserter.FlushAddedAsync<TrackedLink>(db, cancellationToken);
            await ModelRowInserter.FlushAddedAsync<MessageEvent>(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        if (work.Count == 0)
        {
            return;
        }

        using var calls = new SemaphoreSlim(MaxConcurrentCalls);
        var results = await Task.WhenAll(work.Select(async w =>
        {
            await calls.WaitAsync(cancellationToken);
            try
            {
                return await CallAsync(w.Target.Provider, Outgoing(w.Message, w.Target), cancellationToken);
            }
            finally
            {
                calls.Release();
            }
        }));

        // One transaction: every answer, every transition. Accepted messages (nearly all) move together,
        // set-based; a failure takes the single-message path of retry, failover or verdict.
        var after = new List<Action>();
        var continueAlone = new List<string>();
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            var finished = time.GetUtcNow();
            for (var i = 0; i < work.Count; i++)
            {
                Finish(attempts[work[i].Message.Id], results[i], finished);
            }

            await ModelRowUpdater.UpdateAsync<DeliveryAttempt>(
                db,
                AttemptValues,
                work.Select(w => AttemptRow(attempts[w.Message.Id])).ToList(),
                AttemptSet,
                "t.\"MessageId\" = v.\"MessageId\" AND t.\"Number\" = v.\"Number\"",
                nameof(DeliveryAttempt.MessageId),
                [],
                cancellationToken);

            var accepted = Enumerable.Range(0, work.Count).Where(i => results[i].Succeeded).ToList();
            var transitions = await writer.TryTransitionManyAsync(
                db, accepted.Select(i => Accepted(work[i].Message, work[i].Target, attempts[work[i].Message.Id], results[i])).ToList(), cancellationToken);
            var receipts = new List<TransitionRequest>();
            for (var k = 0; k < accepted.Count; k++)
            {
                var i = accepted[k];
                var (message, _, target) = work[i];
                if (transitions[k].Applied || await AcceptLateAsync(db, message, Accepted(message, target, attempts[message.Id], results[i]), cancellationToken))
                {
                    if (Receipt(message, target, results[i], after) is { } receipt)
                    {
                        receipts.Add(receipt);
                    }
                }
            }

            // An immediate simulated receipt is written with the acceptance: one commit, two events.
            await writer.TryTransitionManyAsync(db, receipts, cancellationToken);

            foreach (var i in Enumerable.Range(0, work.Count).Where(i => !results[i].Succeeded))
            {
                var (message, plan, target) = work[i];
                var outcome = await RecordFailureAsync(db, message, plan, target, attempts[message.Id], results[i], cancellationToken);
                if (outcome.Kind == AttemptKind.RetryScheduled)
                {
                    // A Hangfire retry of its own, listed with Hangfire's retries like any failed send job's.
                    var retryAt = outcome.RetryAt!.Value;
                    var id = message.Id;
                    after.Add(() => jobs.Create<SendJob>(job => job.RunAsync(id, CancellationToken.None), new ScheduledState(retryAt.UtcDateTime)
                    {
                        Reason = $"{SendRetryFilter.ReasonPrefix} 1: {outcome.Error}",
                    }));
                }
                else
                {
                    // The next provider, channel, or the final verdict: the single-message path knows them all.
                    await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                        .SetProperty(m => m.RouteChannelIndex, target.ChannelIndex)
                        .SetProperty(m => m.RouteProviderIndex, target.ProviderIndex + 1)
                        .SetProperty(m => m.Error, outcome.Error)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
                    continueAlone.Add(message.Id);
                }
            }

            // The history events, appended as multi-row INSERTs rather than one statement each.
            await ModelRowInserter.FlushAddedAsync<MessageEvent>(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        after.ForEach(action => action());
        foreach (var id in continueAlone)
        {
            jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunAsync(id, CancellationToken.None));
        }
    }

    private async Task<Message?> LoadSendableAsync(NotificationsDbContext db, string messageId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return null;
        }

        if (message.Status == MessageStatus.Delayed)
        {
            if (message.NextAttemptAt > now)
            {
                return null; // not yet: its scheduled job or the recovery sweep comes back then
            }

            await writer.TryTransitionAsync(db, new TransitionRequest(messageId, MessageStatus.Delayed, MessageStatus.Enqueued, MessageEventSources.Pipeline)
            {
                Detail = "The delay has elapsed.",
            }, cancellationToken);
            message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == messageId, cancellationToken);
        }

        // A cheap look first; the lease itself is taken in the same transaction that records the attempt.
        return IsSendable(message.Status) && message.NextAttemptAt is not null && !(message.LeaseUntil > now) ? message : null;
    }

    private static bool IsSendable(MessageStatus status) => MessageStatusMachine.CanSend(status);

    /// <summary>
    /// Takes the message for this run: the first call needs it free, later calls (failover within the run)
    /// renew the lease this run holds. False when another job has it or it is no longer sendable.
    /// </summary>
    private async Task<bool> LeaseAsync(NotificationsDbContext db, Message message, Lease lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        var held = lease.Until;
        var owner = lease.Owner;
        var updated = held is null
            ? await db.Messages
                .Where(m => m.Id == message.Id
                    && MessageStatusMachine.SendableStatuses.Contains(m.Status)
                    && m.NextAttemptAt != null
                    && (m.LeaseUntil == null || m.LeaseUntil <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseOwner, owner), cancellationToken)
            : await db.Messages
                .Where(m => m.Id == message.Id && m.LeaseOwner == owner && m.LeaseUntil != null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, until), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        lease.Until = until;
        if (held is null)
        {
            await MarkCrashedAttemptsAsync(db, [message], cancellationToken);
        }

        return true;
    }

    private async Task DeliverAsync(NotificationsDbContext db, Message message, CancellationToken cancellationToken)
    {
        var lease = new Lease();
        var plan = planner.Plan(message);
        if (plan.Refusal is { } refused)
        {
            if (await InTransactionAsync(db, () => LeaseAsync(db, message, lease, cancellationToken), cancellationToken))
            {
                await FailAsync(db, message, refused.Status, refused.Reason, refused.Error, cancellationToken);
            }

            return;
        }

        // A message that already had attempts (failover handed over by a batch) did see providers.
        var sawProvider = message.AttemptCount > 0;
        var reason = MessageReason.ProviderError;
        var lastError = message.Error;
        var target = planner.Next(plan, message.RouteChannelIndex, message.RouteProviderIndex);
        while (target is not null)
        {
            sawProvider = true;
            var outcome = await AttemptAsync(db, message, plan, lease, target, cancellationToken);
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
            target = planner.Next(plan, target.ChannelIndex, target.ProviderIndex + 1);
        }

        if (lease.Until is null && !await InTransactionAsync(db, () => LeaseAsync(db, message, lease, cancellationToken), cancellationToken))
        {
            return;
        }

        await FailAsync(db, message, sawProvider ? MessageStatus.Undeliverable : MessageStatus.Unroutable,
            sawProvider ? reason : MessageReason.NoProviders,
            sawProvider ? lastError ?? "Every provider failed." : $"No enabled provider for the routed channels ({string.Join(", ", plan.Reachable)}).",
            cancellationToken);
    }

    private async Task<AttemptResult> AttemptAsync(
        NotificationsDbContext db, Message message, DeliveryPlan plan, Lease lease, DeliveryTarget target, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var attempt = NewAttempt(message, target, started, message.AttemptCount + 1);
        target = await tracking.ApplyAsync(message.Id, target, cancellationToken);

        // The attempt is durable before the provider hears of it: after a crash we know it may have gone out.
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            if (!await LeaseAsync(db, message, lease, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return new AttemptResult(AttemptKind.Done, null, null); // another job has it
            }

            db.DeliveryAttempts.Add(attempt);
            var row = await db.Messages.FirstAsync(m => m.Id == message.Id, cancellationToken);
            StampAttempt(row, target, started);
            await TrackingDecorator.SaveLinksAsync(db, target.Links, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            message.AttemptCount = row.AttemptCount;
            db.ChangeTracker.Clear();
        }

        var result = await CallAsync(target.Provider, Outgoing(message, target), cancellationToken);
        var after = new List<Action>();
        AttemptResult outcome;
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            db.DeliveryAttempts.Attach(attempt);
            outcome = await RecordAsync(db, message, plan, target, attempt, result, after, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        after.ForEach(action => action());
        return outcome;
    }

    /// <summary>
    /// Writes one provider answer inside the caller's transaction: the attempt, then SENT (or DELIVERED), a
    /// scheduled retry, or the failure note. Work that must wait for the commit goes to <paramref name="after"/>.
    /// </summary>
    private async Task<AttemptResult> RecordAsync(
        NotificationsDbContext db, Message message, DeliveryPlan plan, DeliveryTarget target, DeliveryAttempt attempt,
        ProviderResult result, List<Action> after, CancellationToken cancellationToken)
    {
        Finish(attempt, result, time.GetUtcNow());
        if (!result.Succeeded)
        {
            return await RecordFailureAsync(db, message, plan, target, attempt, result, cancellationToken);
        }

        // The status we leased it in is almost always still the status; only a cancel can have moved it.
        var accepted = Accepted(message, target, attempt, result);
        if ((await writer.TryTransitionAsync(db, accepted, cancellationToken)).Applied || await AcceptLateAsync(db, message, accepted, cancellationToken))
        {
            if (Receipt(message, target, result, after) is { } receipt)
            {
                await writer.TryTransitionAsync(db, receipt, cancellationToken);
            }
        }

        return new AttemptResult(AttemptKind.Done, null, null);
    }

    /// <summary>The provider's answer on the attempt row.</summary>
    private static void Finish(DeliveryAttempt attempt, ProviderResult result, DateTimeOffset finished)
    {
        attempt.FinishedAt = finished;
        attempt.RequestSummary = result.RequestSummary;
        attempt.ResponseStatus = result.ResponseStatus;
        attempt.ResponseBody = Truncate(result.ResponseBody);
        attempt.ErrorClass = result.ErrorClass;
        attempt.Error = Truncate(result.Error, 2000);
        attempt.Outcome = result.Outcome switch
        {
            ProviderOutcome.Accepted or ProviderOutcome.Delivered => AttemptOutcome.Accepted,
            ProviderOutcome.TransientFailure => AttemptOutcome.TransientFailure,
            _ => AttemptOutcome.PermanentFailure,
        };
    }

    /// <summary>SENT (or DELIVERED, when the provider's answer is a delivery) for an accepted attempt.</summary>
    private static TransitionRequest Accepted(Message message, DeliveryTarget target, DeliveryAttempt attempt, ProviderResult result) =>
        new(message.Id, message.Status, result.Outcome == ProviderOutcome.Delivered ? MessageStatus.Delivered : MessageStatus.Sent, MessageEventSources.Pipeline)
        {
            Provider = target.Provider.Id,
            Detail = $"Attempt {attempt.Number}: accepted by {target.Provider.Id} ({target.Channel}) in {(attempt.FinishedAt!.Value - attempt.StartedAt).TotalMilliseconds:0} ms.",
            Payload = Truncate(result.ResponseBody),
            At = attempt.FinishedAt,
            EndsAttempt = true,
            ProviderMessageId = result.ProviderMessageId,
        };

    /// <summary>
    /// The acceptance found the message in another status than it was leased in (a cancel, say): applies it from
    /// the current one if allowed, else records that the provider has it anyway. True when it was applied.
    /// </summary>
    private async Task<bool> AcceptLateAsync(NotificationsDbContext db, Message message, TransitionRequest accepted, CancellationToken cancellationToken)
    {
        var current = await CurrentStatusAsync(db, message.Id, cancellationToken);
        if ((await writer.TryTransitionAsync(db, accepted with { ExpectedFrom = current }, cancellationToken)).Applied)
        {
            return true;
        }

        // Canceled or moved on while we were sending: the provider has it anyway; say so in the history.
        await ClearPendingAsync(db, message.Id, cancellationToken);
        AddNote(db, message.Id, MessageEventTypes.Ignored, accepted.Provider,
            $"Attempt {message.AttemptCount} was accepted by {accepted.Provider}, but the message had meanwhile become {current.ToWire()}.");
        return false;
    }

    /// <summary>
    /// The simulated provider's delivery receipt for an accepted message: the transition to write with the
    /// acceptance when it is immediate; otherwise its job is scheduled after the commit. Null when none is due.
    /// </summary>
    private TransitionRequest? Receipt(Message message, DeliveryTarget target, ProviderResult result, List<Action> after)
    {
        if (result.Outcome != ProviderOutcome.Accepted || target.Provider is not SimulatedProvider simulated || result.ProviderMessageId is not { } providerMessageId)
        {
            return null;
        }

        if (simulated.Options.DeliveryDelayMs == 0)
        {
            return SimulatedReceiptJob.Receipt(message.Id, simulated.Id, providerMessageId);
        }

        var id = message.Id;
        after.Add(() => jobs.Schedule<SimulatedReceiptJob>(JobQueues.Send, job => job.RunAsync(id, providerMessageId, CancellationToken.None),
            TimeSpan.FromMilliseconds(simulated.Options.DeliveryDelayMs)));
        return null;
    }

    /// <summary>A failed attempt: a scheduled retry, or the note that sends the message on to failover.</summary>
    private async Task<AttemptResult> RecordFailureAsync(
        NotificationsDbContext db, Message message, DeliveryPlan plan, DeliveryTarget target, DeliveryAttempt attempt,
        ProviderResult result, CancellationToken cancellationToken)
    {
        var provider = target.Provider;
        var number = attempt.Number;
        var finished = attempt.FinishedAt!.Value;
        var error = $"{result.ErrorClass ?? ErrorClasses.Unknown}: {result.Error ?? "no detail"}";
        if (result.Outcome == ProviderOutcome.TransientFailure)
        {
            var budget = message.RetryBudgetUntil ?? retries.BudgetFrom(message.EnqueuedAt);
            if (retries.NextAttempt(number, result.RetryAfter, budget) is { } next)
            {
                await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.Error, Truncate(error, 2000))
                    .SetProperty(m => m.UpdatedAt, finished), cancellationToken);
                AddNote(db, message.Id, MessageEventTypes.RetryScheduled, provider.Id,
                    $"Attempt {number} via {provider.Id} failed ({error}). Next attempt at {next:O}{(result.RetryAfter is { } ra ? $" (Retry-After {ra.TotalSeconds:0} s)" : "")}.",
                    result.ResponseBody);
                return new AttemptResult(AttemptKind.RetryScheduled, next, error);
            }

            AddNote(db, message.Id, MessageEventTypes.AttemptFailed, provider.Id,
                $"Attempt {number} via {provider.Id} failed ({error}); the retry budget (until {budget:O}) is spent.", result.ResponseBody);
            NoteFailover(db, message.Id, plan, target, "retry budget spent", error);
            return new AttemptResult(AttemptKind.BudgetExhausted, null, error);
        }

        AddNote(db, message.Id, MessageEventTypes.AttemptFailed, provider.Id,
            $"Attempt {number} via {provider.Id} failed permanently ({error}).", result.ResponseBody);
        NoteFailover(db, message.Id, plan, target, "permanent error", error);
        return new AttemptResult(AttemptKind.PermanentFailure, null, error);
    }

    private void NoteFailover(NotificationsDbContext db, string messageId, DeliveryPlan plan, DeliveryTarget failed, string why, string error)
    {
        if (planner.DescribeNext(plan, failed) is { } next)
        {
            AddNote(db, messageId, MessageEventTypes.Failover, failed.Provider.Id, $"{failed.Provider.Id} failed ({why}): {error}. Trying {next}.");
        }
    }

    private static DeliveryAttempt NewAttempt(Message message, DeliveryTarget target, DateTimeOffset started, int number) => new()
    {
        MessageId = message.Id,
        Number = number,
        Channel = target.Channel,
        Provider = target.Provider.Id,
        StartedAt = started,
        Outcome = AttemptOutcome.Pending,
    };

    /// <summary>The batch's stamp of each leased message (as <see cref="StampAttempt"/> does for one), set-based.</summary>
    private static readonly (string Alias, string Property)[] StampValues =
    [
        ("Id", nameof(Message.Id)),
        ("AttemptCount", nameof(Message.AttemptCount)),
        ("Channel", nameof(Message.Channel)),
        ("Provider", nameof(Message.Provider)),
        ("RouteChannelIndex", nameof(Message.RouteChannelIndex)),
        ("RouteProviderIndex", nameof(Message.RouteProviderIndex)),
        ("OutputJson", nameof(Message.OutputJson)),
    ];

    private const string StampSet =
        "\"AttemptCount\" = v.\"AttemptCount\", \"Channel\" = v.\"Channel\", \"Provider\" = v.\"Provider\", " +
        "\"RouteChannelIndex\" = v.\"RouteChannelIndex\", \"RouteProviderIndex\" = v.\"RouteProviderIndex\", " +
        "\"OutputJson\" = v.\"OutputJson\", \"UpdatedAt\" = @now";

    /// <summary>The provider's answers on the batch's attempt rows, found by message and number, set-based.</summary>
    private static readonly (string Alias, string Property)[] AttemptValues =
    [
        ("MessageId", nameof(DeliveryAttempt.MessageId)),
        ("Number", nameof(DeliveryAttempt.Number)),
        ("FinishedAt", nameof(DeliveryAttempt.FinishedAt)),
        ("RequestSummary", nameof(DeliveryAttempt.RequestSummary)),
        ("ResponseStatus", nameof(DeliveryAttempt.ResponseStatus)),
        ("ResponseBody", nameof(DeliveryAttempt.ResponseBody)),
        ("Outcome", nameof(DeliveryAttempt.Outcome)),
        ("ErrorClass", nameof(DeliveryAttempt.ErrorClass)),
        ("Error", nameof(DeliveryAttempt.Error)),
    ];

    private const string AttemptSet =
        "\"FinishedAt\" = v.\"FinishedAt\", \"RequestSummary\" = v.\"RequestSummary\", \"ResponseStatus\" = v.\"ResponseStatus\", " +
        "\"ResponseBody\" = v.\"ResponseBody\", \"Outcome\" = v.\"Outcome\", \"ErrorClass\" = v.\"ErrorClass\", \"Error\" = v.\"Error\"";

    private static object?[] Stamp(Message message, DeliveryTarget target, string outputJson) =>
        [message.Id, message.AttemptCount, target.Channel, target.Provider.Id, target.ChannelIndex, target.ProviderIndex, outputJson];

    private static object?[] AttemptRow(DeliveryAttempt attempt) =>
        [attempt.MessageId, attempt.Number, attempt.FinishedAt, attempt.RequestSummary, attempt.ResponseStatus, attempt.ResponseBody, attempt.Outcome, attempt.ErrorClass, attempt.Error];

    private static void StampAttempt(Message row, DeliveryTarget target, DateTimeOffset started)
    {
        row.AttemptCount++;
        row.Channel = target.Channel;
        row.Provider = target.Provider.Id;
        row.RouteChannelIndex = target.ChannelIndex;
        row.RouteProviderIndex = target.ProviderIndex;
        row.OutputJson = target.Rendered.ToJson();
        row.UpdatedAt = started;
    }

    private static OutgoingMessage Outgoing(Message message, DeliveryTarget target) => new()
    {
        MessageId = message.Id,
        AttemptNumber = message.AttemptCount,
        Channel = target.Channel,
        To = target.Address,
        Title = target.Rendered.Title,
        Text = target.Rendered.Text,
        Html = target.Rendered.Html,
        ActionUrl = target.Rendered.ActionUrl,
        Data = target.Rendered.Data,
        EmailMessageId = message.EmailMessageId,
    };

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

    /// <summary>Attempts left Pending by a dead process: they may or may not have reached the provider.</summary>
    private async Task MarkCrashedAttemptsAsync(NotificationsDbContext db, IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => m.Id).ToList();
        var orphans = await db.DeliveryAttempts.Where(a => ids.Contains(a.MessageId) && a.Outcome == AttemptOutcome.Pending).ToListAsync(cancellationToken);
        if (orphans.Count == 0)
        {
            return;
        }

        foreach (var orphan in orphans)
        {
            var message = messages.First(m => m.Id == orphan.MessageId);
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
            EndsAttempt = true,
        }, cancellationToken);
        if (result.Applied)
        {
            return;
        }

        // Already UNDELIVERABLE (a retry by hand that failed again): nothing to transition, but the attempt
        // is over and the history says why.
        await using var tx = await WriteTransaction.BeginAsync(db, cancellationToken);
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

    private static async Task<bool> InTransactionAsync(NotificationsDbContext db, Func<Task<bool>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (!await work())
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task ClearPendingAsync(NotificationsDbContext db, string messageId, CancellationToken cancellationToken) =>
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);

    private static Task<MessageStatus> CurrentStatusAsync(NotificationsDbContext db, string messageId, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.Status).SingleAsync(cancellationToken);

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

    private static string? Truncate(string? text, int max = MaxResponseBody) =>
        text is null || text.Length <= max ? text : text[..max];

    /// <summary>The lease this run holds; <see cref="Owner"/> proves it is ours.</summary>
    private sealed class Lease
    {
        public DateTimeOffset? Until { get; set; }

        public string Owner { get; } = Guid.NewGuid().ToString("N");
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
