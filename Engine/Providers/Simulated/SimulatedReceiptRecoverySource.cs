using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Providers.Simulated;

/// <summary>
/// Simulated receipts the database says are due and whose job is gone (a crash, a restart with in-memory job
/// storage): each is re-enqueued and held for a lease, so the next sweep seconds later does not enqueue it again.
/// </summary>
public sealed class SimulatedReceiptRecoverySource(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IBackgroundJobClient jobs,
    IWriteTransactions writes,
    IOptions<DeliveryOptions> options,
    TimeProvider time) : IRecoverySource
{
    /// <summary>Receipts are cheap to enqueue one by one, but a sweep after a long outage takes them in bites.</summary>
    private const int BatchSize = 5_000;

    public async Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dueBefore = options.Value.RecoveryDueBefore(now, startup);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.SimulatedReceipts.AsNoTracking()
            .Where(r => r.DueAt <= dueBefore)
            .Where(r => r.LeaseUntil == null || r.LeaseUntil <= now)
            .OrderBy(r => r.DueAt)
            .Select(r => new { r.Id, r.MessageId, r.ProviderMessageId })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(r => r.Id).ToList();
        var until = now + options.Value.Lease;
        HashSet<long> taken;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            // Guarded: another instance's sweep may have leased some of them since the read; only the rows this
            // update took (still free, now carrying this sweep's expiry) are enqueued here.
            await db.SimulatedReceipts.Where(r => ids.Contains(r.Id) && (r.LeaseUntil == null || r.LeaseUntil <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntil, until), cancellationToken);
            taken = (await db.SimulatedReceipts.Where(r => ids.Contains(r.Id) && r.LeaseUntil == until).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var receipt in due.Where(r => taken.Contains(r.Id)))
        {
            jobs.Enqueue<SimulatedReceiptJob>(JobQueues.Send, job => job.RunAsync(receipt.MessageId, receipt.ProviderMessageId, CancellationToken.None));
        }

        return taken.Count;
    }
}
