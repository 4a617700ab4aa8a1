using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// The sends the database says are due and nobody holds: a job lost with Hangfire's in-memory storage, a delay
/// that elapsed while the process was down, an attempt interrupted by a crash (its lease expired).
/// </summary>
public sealed class MessageRecoverySource(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IBackgroundJobClient jobs,
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

        return due.Count;
    }
}
