using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// The one send algorithm (DESIGN.md, Data flow 3), for one message or many alike: lease, render, route (channel
/// order, then provider order), record the attempts before calling the providers, call them, record the answers
/// as the calls finish, and transition — SENT, a scheduled retry, failover, or the verdict. A round takes one
/// transaction before the provider calls and, whatever the number of messages, one after them when they are quick,
/// a few while slow ones go on (<see cref="OutcomeFlusher"/>); failover goes on in another round of the same run,
/// under the same lease. Idempotent: a second run finds no lease to take.
/// </summary>
public sealed class SendPipeline(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    DeliveryPlanner planner,
    MessageStatusWriter writer,
    TrackingDecorator tracking,
    PreferenceGate preferences,
    UnsubscribeLinks unsubscribe,
    AttemptRecorder attempts,
    OutcomeFlusher calls,
    SendFailures failures,
    SendJobDispatcher dispatcher,
    TimeProvider time,
    SendActivity activity)
{
    /// <summary>Sends what is due among <paramref name="messageIds"/>; answers the retries it scheduled.</summary>
    public async Task<IReadOnlyList<ScheduledRetry>> DeliverAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        using var sending = activity.Enter();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var work = new List<SendWork>();
        var due = await LoadDueAsync(db, messageIds, cancellationToken);
        var decisions = await preferences.DecideAsync(db, due, cancellationToken);
        foreach (var message in due)
        {
            var item = new SendWork(message, planner.Plan(message, decisions.GetValueOrDefault(message.Id)));
            item.GoTo(item.Plan.Refusal is null ? planner.Next(item.Plan, message.RouteChannelIndex, message.RouteProviderIndex) : null);
            work.Add(item);
        }

        var owner = Guid.NewGuid().ToString("N");
        var retries = new List<ScheduledRetry>();
        for (var round = 0; work.Count > 0; round++)
        {
            foreach (var item in work.Where(w => w.Target is not null))
            {
                item.Target = await tracking.ApplyAsync(item.Id, item.Target!, cancellationToken);
                item.Target = item.Target with
                {
                    Headers = await unsubscribe.HeadersAsync(item.Message, item.Target.Channel, decisions.GetValueOrDefault(item.Id), cancellationToken),
                };
            }

            var held = await attempts.StartAsync(db, work, owner, renew: round > 0, cancellationToken);
            foreach (var item in held.Where(w => w.Target is null))
            {
                await failures.FailAsync(db, item, cancellationToken);
            }

            var calling = held.Where(w => w.Target is not null).ToList();
            if (calling.Count == 0)
            {
                break;
            }

            var (scheduled, next) = await calls.CallAndRecordAsync(db, calling, owner, cancellationToken);
            retries.AddRange(scheduled);
            work = next;
        }

        return retries;
    }

    /// <summary>
    /// The messages a run may take: a cheap look first (the lease itself is taken in the transaction that records
    /// the attempt). A delayed message whose time has come becomes ENQUEUED on the way; one whose job came before its
    /// time (Hangfire keeps a schedule in whole seconds) is scheduled again for it, rather than left to the sweep.
    /// </summary>
    private async Task<List<Message>> LoadDueAsync(NotificationsDbContext db, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = messageIds.ToList();
        var loaded = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        var early = loaded.Where(m => m.Status == MessageStatus.Delayed && m.NextAttemptAt > now && MessageLease.IsUnheld(m, now)).ToList();
        if (early.Count > 0)
        {
            dispatcher.Dispatch(SendJobDispatcher.Pending.Of(early));
        }

        var elapsed = loaded.Where(m => m.Status == MessageStatus.Delayed && !(m.NextAttemptAt > now)).Select(m => m.Id).ToList();
        if (elapsed.Count > 0)
        {
            await writer.TryTransitionManyAsync(db, elapsed.Select(id => new TransitionRequest(id, MessageStatus.Delayed, MessageStatus.Enqueued, MessageEventSources.Pipeline)
            {
                Detail = "The delay has elapsed.",
            }).ToList(), cancellationToken);
            loaded = [.. loaded.Where(m => !elapsed.Contains(m.Id)),
                .. await db.Messages.AsNoTracking().Where(m => elapsed.Contains(m.Id)).ToListAsync(cancellationToken)];
        }

        return loaded.Where(m => MessageLease.IsTakeable(m, now)).ToList();
    }
}
