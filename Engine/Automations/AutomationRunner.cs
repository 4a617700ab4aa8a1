using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Works runs forward from their current step while it holds their leases. Every change is written before the next
/// thing happens: a delay's due time is stored before its continuation is scheduled, a step is marked running before
/// it acts, so after a crash the sweep resumes each run where the rows say it stood.
/// <para>
/// A job takes its own run and, in the same transaction, up to <see cref="MaxBatch"/> other runs that are due and
/// unheld; it then works them in rounds: one save marks every run's next step running (or waiting, or done), the steps
/// run concurrently (sends meet in one intake commit), one save records their ends with what comes next. A job per
/// run, each with its own writes, made 10,000 delays that ended together run late by tens of seconds
/// (docs/automations.md). The other runs' own jobs then find them taken and do nothing.
/// </para>
/// </summary>
public sealed class AutomationRunner(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    AutomationRunLeases leases,
    AutomationStepExecutor executor,
    RunChangeSinks sinks,
    IBackgroundJobClient jobs,
    DueJobPromoter promoter,
    IOptions<AutomationOptions> options,
    TimeProvider time,
    ILogger<AutomationRunner> logger,
    NotificationMetrics? metrics = null)
{
    /// <summary>The most runs one job works at once, its own included.</summary>
    public const int MaxBatch = 100;

    private readonly AutomationRunAdvancer advancer = new(options, time, metrics);

    public async Task RunAsync(string runId, string? jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A look without the write lock first: the job of a run that another job took along finds it held or done.
        var look = await leases.LookAsync(db, runId, jobId, cancellationToken);
        if (look.ComeBackAt is { } due)
        {
            // Hangfire keeps a schedule in whole seconds and may hand a job over up to a second before its time: the
            // run waits for exactly this job, so it comes back at the time instead of leaving the run to the sweep.
            ScheduleContinuation(runId, due);
        }

        // Its run not due, finished or held: the job still helps with other due runs, if there are any, so a run whose
        // continuation is another run's job (a batch schedules one job per 100 runs due together) is never left behind.
        if (!look.MayTake && !await leases.AnyDueAsync(db, cancellationToken))
        {
            return;
        }

        var owner = Guid.NewGuid().ToString("N");
        // The leases are taken in the transaction that also writes the runs' first changes (a delay that ended, the
        // next step marked running): one turn at the write lock for the whole batch. The first save commits it.
        var session = new Session(db, await writes.BeginAsync(db, cancellationToken));
        AutomationRunFailedException? ownFailure = null;
        try
        {
            var ids = new List<string>();
            if (look.MayTake && await leases.TakeAsync(db, runId, owner, jobId, cancellationToken))
            {
                ids.Add(runId);
            }

            ids.AddRange(await leases.TakeDueAsync(db, owner, runId, MaxBatch - ids.Count, cancellationToken));
            if (ids.Count == 0)
            {
                await session.Open!.CommitAsync(cancellationToken);
                return;
            }

            var runs = await db.AutomationRuns.Where(r => EF.Parameter(ids).Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            var steps = (await db.AutomationRunSteps.Where(s => EF.Parameter(ids).Contains(s.RunId)).ToListAsync(cancellationToken))
                .GroupBy(s => s.RunId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Index).ToList());
            var batch = ids.Select(id => new AutomationBatchItem(runs[id], steps.GetValueOrDefault(id) ?? [])).ToList();
            await WorkAsync(session, batch, runId, jobId, cancellationToken);
            if (batch.Find(item => item.Run.Id == runId)?.FailedAt is { } failed)
            {
                // Thrown so the Hangfire job lands in the Failed page, where Requeue retries the run.
                ownFailure = new AutomationRunFailedException(runId, failed.Index, failed.Error ?? "failed");
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // A run canceled between the check before the save and the save (another instance): the cancel's status
            // stands; the batch's other runs are left to their leases' end and the recovery sweep.
            logger.LogInformation("Automation run {RunId}'s batch met a run whose status changed under it (canceled); the job stops", runId);
        }
        finally
        {
            if (session.Open is { } open)
            {
                await open.DisposeAsync();
            }
        }

        if (ownFailure is not null)
        {
            throw ownFailure;
        }
    }

    private async Task WorkAsync(Session session, List<AutomationBatchItem> batch, string ownRunId, string? jobId, CancellationToken cancellationToken)
    {
        while (batch.Any(item => !item.Done))
        {
            var now = time.GetUtcNow();
            foreach (var item in batch.Where(item => !item.Done))
            {
                advancer.Advance(item, now, conditionsAllowed: session.Open is null);
            }

            foreach (var item in batch.Where(item => item.FailedAt is not null && !item.Done))
            {
                item.Run.FailedJobId = item.Run.Id == ownRunId ? jobId : FailedJobFor(item);
            }

            await SaveAsync(session, batch, cancellationToken);
            ScheduleContinuations(batch.Where(item => !item.Done && item.FailedAt is null && item.ContinueAt is not null)
                .Select(item => (item.Run.Id, item.ContinueAt!.Value)));

            foreach (var item in batch.Where(item => !item.Done))
            {
                if (item.FailedAt is { } failed)
                {
                    logger.LogWarning("Automation run {RunId} failed at step {Index} ({Action}): {Error}", item.Run.Id, failed.Index, failed.Action, failed.Error);
                    item.Done = true;
                }
                else if (item.ContinueAt is not null)
                {
                    item.Done = true;
                }
                else if (item.Run.Status is AutomationRunStatus.Completed)
                {
                    item.Done = true;
                }
            }

            var executing = batch.Where(item => !item.Done && item.Executing is not null).ToList();
            await Task.WhenAll(executing.Select(item => ExecuteAsync(item, cancellationToken)));
        }
    }

    /// <summary>Does the step marked running; its end (or its retry, or the run's failure) is saved with the batch.</summary>
    private async Task ExecuteAsync(AutomationBatchItem item, CancellationToken cancellationToken)
    {
        var step = item.Executing!;
        item.Executing = null;
        var definition = item.Definition(step);
        try
        {
            var result = await executor.ExecuteAsync(item.State, step, definition, cancellationToken);
            advancer.Succeeded(item, step, definition, result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            advancer.Failed(item, step, ex);
        }
    }

    /// <summary>
    /// A run of the batch other than the job's own failed: a failed Hangfire job of its own stands for it in the Failed
    /// page, so Requeue retries it there as it would the job that failed it.
    /// </summary>
    private string FailedJobFor(AutomationBatchItem item)
    {
        var runId = item.Run.Id;
        var failed = item.FailedAt!;
        return jobs.Create<AutomationJob>(job => job.RunAsync(runId, null, CancellationToken.None),
            new FailedState(new AutomationRunFailedException(runId, failed.Index, failed.Error ?? "failed")));
    }

    /// <summary>
    /// Saves the batch in one transaction (the open one that took the leases, else a new one), announcing each run whose
    /// status this save changes. A run canceled meanwhile is left out: the cancel's status stands.
    /// </summary>
    private async Task SaveAsync(Session session, List<AutomationBatchItem> batch, CancellationToken cancellationToken)
    {
        var db = session.Db;
        var open = session.Open;
        session.Open = null;
        await using var transaction = open ?? await writes.BeginAsync(db, cancellationToken);
        var working = batch.Where(item => !item.Done).ToList();
        var ids = working.Select(item => item.Run.Id).ToList();
        var stored = await db.AutomationRuns.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.Id)).Select(r => new { r.Id, r.Status }).ToDictionaryAsync(r => r.Id, r => r.Status, cancellationToken);
        foreach (var item in working.Where(item => stored.GetValueOrDefault(item.Run.Id) != db.Entry(item.Run).Property(r => r.Status).OriginalValue))
        {
            logger.LogInformation("Automation run {RunId} changed status under its job (canceled); the job leaves it", item.Run.Id);
            db.Entry(item.Run).State = EntityState.Detached;
            item.Steps.ForEach(step => db.Entry(step).State = EntityState.Detached);
            item.Executing = null;
            item.ContinueAt = null;
            item.FailedAt = null;
            item.Done = true;
        }

        var changed = db.ChangeTracker.Entries<AutomationRun>()
            .Where(e => e.State == EntityState.Modified && e.Property(r => r.Status).OriginalValue != e.Property(r => r.Status).CurrentValue)
            .Select(e => e.Entity.Id)
            .ToList();
        await db.SaveChangesAsync(cancellationToken);
        await sinks.WriteAsync(db, changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Continuation jobs for runs that go on at the given times: runs due together share them, one per batch's worth,
    /// as each job takes the others due along with its own run (and works due runs even when its own was taken).
    /// </summary>
    public void ScheduleContinuations(IEnumerable<(string RunId, DateTimeOffset Due)> runs)
    {
        foreach (var together in runs.GroupBy(run => run.Due))
        {
            foreach (var chunk in together.Chunk(MaxBatch))
            {
                ScheduleContinuation(chunk[0].RunId, together.Key);
            }
        }
    }

    private void ScheduleContinuation(string runId, DateTimeOffset due)
    {
        var jobId = jobs.Schedule<AutomationJob>(JobQueues.Automations, job => job.RunAsync(runId, null, CancellationToken.None), due);
        promoter.Add(jobId, JobQueues.Automations, due);
    }

    /// <summary>A job's context and, until its first save, the transaction in which it took the leases.</summary>
    private sealed class Session(NotificationsDbContext db, IWriteTransaction open)
    {
        public NotificationsDbContext Db { get; } = db;

        public IWriteTransaction? Open { get; set; } = open;
    }
}
