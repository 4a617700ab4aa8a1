using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// The sends the database says are due and nobody holds: a job lost with Hangfire's in-memory storage, a delay
/// that elapsed while the process was down, an attempt interrupted by a crash (its lease expired). At start-up it
/// also schedules again the sends due within the hour (delays, retries): with in-memory job storage their jobs died
/// with the process, and the periodic sweep would take them only <see cref="DeliveryOptions.RecoveryGraceSeconds"/>
/// after their time. A job that still exists (persistent storage) then has a twin that finds nothing to take.
/// </summary>
public sealed class MessageRecoverySource(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IBackgroundJobClient jobs,
    SendJobDispatcher dispatcher,
    IOptions<DeliveryOptions> options,
    TimeProvider time) : IRecoverySource
{
    private const int BatchSize = 10_000;

    public async Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dueBefore = options.Value.RecoveryDueBefore(now, startup);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Messages.AsNoTracking()
            .Where(m => m.NextAttemptAt != null && m.NextAttemptAt <= dueBefore)
            .Where(MessageLease.Unheld(now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var chunk in due.Chunk(SendJob.MaxBatch))
        {
            jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunBatchAsync(chunk, CancellationToken.None));
        }

        if (startup)
        {
            var until = now + DueJobPromoter.Horizon;
            var ahead = await db.Messages.AsNoTracking()
                .Where(m => m.NextAttemptAt != null && m.NextAttemptAt > now && m.NextAttemptAt <= until)
                .Where(MessageLease.Unheld(now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => new { m.Id, m.NextAttemptAt })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            dispatcher.Dispatch(new SendJobDispatcher.Pending([], ahead.Select(m => (m.Id, m.NextAttemptAt!.Value)).ToList()));
        }

        return due.Count;
    }
}
