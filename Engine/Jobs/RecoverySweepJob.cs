using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Jobs;

/// <summary>
/// Makes the database, not Hangfire's storage, the record of pending work: at start-up and every few seconds
/// (<see cref="JobsOptions.RecoverySweepSeconds"/>) it re-enqueues everything that is due and no longer leased.
/// Each recovery source contributes through <see cref="IRecoverySource"/>, so the sweep itself knows no feature.
/// </summary>
public sealed class RecoverySweepJob(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IEnumerable<IRecoverySource> sources,
    TimeProvider time,
    ILogger<RecoverySweepJob> logger)
{
    public const string JobId = "recovery-sweep";

    public const string JobName = "Recovery sweep";

    public async Task<int> RunAsync(bool startup, CancellationToken cancellationToken = default)
    {
        var run = new JobRun { JobName = JobId, StartedAt = time.GetUtcNow() };
        var recovered = 0;
        try
        {
            foreach (var source in sources)
            {
                recovered += await source.RecoverAsync(startup, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            run.Error = ex.Message;
            logger.LogError(ex, "The recovery sweep failed");
            throw;
        }
        finally
        {
            run.ItemsProcessed = recovered;
            run.FinishedAt = time.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
            await PruneAsync(db);
        }

        if (recovered > 0)
        {
            logger.LogWarning("The recovery sweep re-enqueued {Count} item(s)", recovered);
        }

        return recovered;
    }

    // A row every few seconds adds up; a day of history is what the Status page needs.
    private async Task PruneAsync(NotificationsDbContext db)
    {
        var cutoff = time.GetUtcNow().AddDays(-1);
        await db.JobRuns.Where(r => r.JobName == JobId && r.StartedAt < cutoff).ExecuteDeleteAsync();
    }
}
