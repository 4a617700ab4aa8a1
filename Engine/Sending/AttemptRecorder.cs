using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Every attempt is stored (DESIGN.md, Retries): durable before the provider hears of it, so after a crash we
/// know it may have gone out, and completed with the provider's answer. Set-based for a whole round.
/// </summary>
public sealed class AttemptRecorder(SendLeases leases, IWriteTransactions writes, TimeProvider time)
{
    /// <summary>
    /// One transaction: holds the leases of the round's messages, and records every attempt (its row, the
    /// message's stamp, the tracked links) before any provider is called. Answers the work this run holds.
    /// </summary>
    internal async Task<List<SendWork>> StartAsync(
        NotificationsDbContext db, IReadOnlyList<SendWork> work, string owner, bool renew, CancellationToken cancellationToken)
    {
        // Serialised before the write lock is taken: nothing inside the transaction but the statements.
        foreach (var item in work)
        {
            item.OutputJson = item.Target?.Rendered.ToJson();
        }

        var now = time.GetUtcNow();
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var held = await leases.HoldAsync(db, work.Select(w => w.Id).ToList(), owner, renew, cancellationToken);
        var mine = work.Where(w => held.ContainsKey(w.Id)).ToList();
        if (!renew)
        {
            await MarkCrashedAsync(db, mine.Select(w => w.Message).ToList(), cancellationToken);
        }

        var attempting = mine.Where(w => w.Target is not null).ToList();
        foreach (var item in attempting)
        {
            var target = item.Target!;
            item.Message.AttemptCount = held[item.Id] + 1;
            item.Attempt = new DeliveryAttempt
            {
                MessageId = item.Id,
                Number = item.Message.AttemptCount,
                Channel = target.Channel,
                Provider = target.Provider.Id,
                StartedAt = now,
                Outcome = AttemptOutcome.Pending,
            };
        }

        // Every stamp in one statement, every attempt and link and note in multi-row INSERTs.
        await DeliveryAttemptSql.StampAsync(
            db,
            attempting.Select(w => new MessageStamp(w.Id, w.Message.AttemptCount, w.Target!.Channel, w.Target.Provider.Id, w.Target.ChannelIndex, w.Target.ProviderIndex, w.OutputJson!)).ToList(),
            owner,
            now,
            cancellationToken);
        await ModelRowInserter.InsertAsync(db, attempting.Select(w => w.Attempt!).ToList(), cancellationToken);
        await TrackingDecorator.SaveLinksAsync(db, attempting.SelectMany(w => w.Target!.Links), cancellationToken);
        await ModelRowInserter.FlushAddedAsync<TrackedLink>(db, cancellationToken);
        await ModelRowInserter.FlushAddedAsync<MessageEvent>(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return mine;
    }

    /// <summary>The provider's answers on the round's attempt rows, in the caller's transaction.</summary>
    internal static Task FinishAsync(NotificationsDbContext db, IReadOnlyList<SendWork> work, DateTimeOffset finished, CancellationToken cancellationToken)
    {
        foreach (var item in work)
        {
            Finish(item.Attempt!, item.Result!, finished);
        }

        return DeliveryAttemptSql.FinishAsync(db, work.Select(w => w.Attempt!).ToList(), cancellationToken);
    }

    private static void Finish(DeliveryAttempt attempt, ProviderResult result, DateTimeOffset finished)
    {
        attempt.FinishedAt = finished;
        attempt.RequestSummary = result.RequestSummary;
        attempt.ResponseStatus = result.ResponseStatus;
        attempt.ResponseBody = SendNotes.Truncate(result.ResponseBody);
        attempt.ErrorClass = result.ErrorClass;
        attempt.Error = SendNotes.Truncate(result.Error, SendNotes.MaxError);
        attempt.Outcome = result.Outcome switch
        {
            ProviderOutcome.Accepted or ProviderOutcome.Delivered => AttemptOutcome.Accepted,
            ProviderOutcome.TransientFailure => AttemptOutcome.TransientFailure,
            _ => AttemptOutcome.PermanentFailure,
        };
    }

    /// <summary>Attempts left Pending by a dead process: they may or may not have reached the provider.</summary>
    private async Task MarkCrashedAsync(NotificationsDbContext db, IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => m.Id).ToList();
        var orphans = await db.DeliveryAttempts.Where(a => ids.Contains(a.MessageId) && a.Outcome == AttemptOutcome.Pending).ToListAsync(cancellationToken);
        if (orphans.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var orphan in orphans)
        {
            var message = messages.First(m => m.Id == orphan.MessageId);
            orphan.Outcome = AttemptOutcome.Unknown;
            orphan.ErrorClass = ErrorClasses.Unknown;
            orphan.Error = "The process stopped during this attempt; whether the provider received it is unknown.";
            SendNotes.Add(db, now, message.Id, MessageEventTypes.Resent, orphan.Provider,
                $"Attempt {orphan.Number} via {orphan.Provider} was interrupted by a restart; sending again (at-least-once) with the same Message-ID {message.EmailMessageId}.");
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
