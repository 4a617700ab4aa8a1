using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Works a run forward from its current step while it holds the run's lease. Every change is written before the
/// next thing happens: a delay's due time is stored before its continuation is scheduled, a step is marked
/// running before it acts, so after a crash the sweep resumes the run where the rows say it stood.
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
    public async Task RunAsync(string runId, string? jobId, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The lease is taken in the transaction that also writes the run's first changes (a delay that ended, the
        // next step marked running): one turn at the write gate instead of two or three. SaveAsync commits it.
        var session = new Session(db, await writes.BeginAsync(db, cancellationToken));
        try
        {
            if (!await leases.TakeAsync(db, runId, owner, jobId, cancellationToken))
            {
                var early = await NotYetDueAsync(db, runId, cancellationToken);
                await session.Open!.CommitAsync(cancellationToken);
                if (early is { } due)
                {
                    // Hangfire keeps a schedule in whole seconds and may hand a job over up to a second before its time:
                    // the run is waiting for exactly this job, so it comes back at the time instead of leaving the run
                    // to the recovery sweep.
                    ScheduleContinuation(runId, due);
                }

                return; // not due, finished, or another job has it
            }

            var run = await db.AutomationRuns.SingleAsync(r => r.Id == runId, cancellationToken);
            var steps = await db.AutomationRunSteps.Where(s => s.RunId == runId).OrderBy(s => s.Index).ToListAsync(cancellationToken);
            var definitions = JsonNode.Parse(run.StepsJson)!.AsArray();
            var state = new AutomationRunState(run);
            await WorkAsync(session, state, steps, definitions, jobId, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Canceled while this job worked: the cancel's status stands; nothing of ours is written over it.
            logger.LogInformation("Automation run {RunId} changed status under its job (canceled); the job stops", runId);
        }
        finally
        {
            if (session.Open is { } open)
            {
                await open.DisposeAsync();
            }
        }
    }

    private async Task WorkAsync(Session session, AutomationRunState state, List<AutomationRunStep> steps, JsonArray definitions, string? jobId, CancellationToken cancellationToken)
    {
        var run = state.Run;
        while (run.CurrentStep < steps.Count)
        {
            var now = time.GetUtcNow();
            var step = steps[run.CurrentStep];
            var definition = definitions[run.CurrentStep]!.AsObject();
            run.LeaseUntil = now + options.Value.Lease;
            if (step.DueAt is { } dueAt && step.Status is AutomationStepStatus.Waiting or AutomationStepStatus.Pending)
            {
                // A delay's end or a retry's due time: how late this job took it up (the benchmark's lateness).
                metrics?.StepStarted(step.Action, now - dueAt);
            }

            // Finishing a step is written with whatever comes next (the next step marked running, a wait, the run's
            // end): nothing acts in between, and a crash before that write only repeats a finish.
            if (step.Status == AutomationStepStatus.Waiting)
            {
                Finish(state, step, AutomationStepStatus.Completed, now); // the delay has ended
                continue;
            }

            var condition = definition["if"]?.GetValue<string>();
            if (condition is not null && session.Open is not null)
            {
                await SaveAsync(session, cancellationToken); // not at the write gate while a script runs (up to its time limit)
            }

            if (condition is not null && !Evaluate(condition, state, step, now))
            {
                Finish(state, step, step.Status == AutomationStepStatus.Failed ? AutomationStepStatus.Failed : AutomationStepStatus.Skipped, now);
                if (step.Status == AutomationStepStatus.Failed)
                {
                    await FailAsync(session, state, step, jobId, now, cancellationToken);
                    return;
                }

                continue;
            }

            if (step.Action == AutomationActions.Delay)
            {
                var due = DelayEnd(definition, state, now);
                step.Status = AutomationStepStatus.Waiting;
                step.StartedAt = now;
                step.DueAt = due;
                await WaitAsync(session, run, due, AutomationRunStatus.Waiting, cancellationToken);
                return;
            }

            step.Status = AutomationStepStatus.Running;
            step.Attempts++;
            step.StartedAt ??= now;
            run.Status = AutomationRunStatus.Running;
            run.NextDueAt = now; // should this job die, the sweep takes the step up again once the lease expires
            run.UpdatedAt = now;
            await SaveAsync(session, cancellationToken);
            try
            {
                var result = await executor.ExecuteAsync(state, step, definition, cancellationToken);
                step.MessageId = result.CreatedId;
                step.Error = null;
                if (definition["ref"]?.GetValue<string>() is { } name)
                {
                    state.Refs[name] = result.Output?.DeepClone();
                }

                // A send step that ran again after a crash here finds its message (derived id) and sends nothing.
                Finish(state, step, AutomationStepStatus.Completed, time.GetUtcNow());
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not DbUpdateConcurrencyException)
            {
                var permanent = ex is AutomationStepException { Permanent: true } or RequestValidationException;
                step.Error = Describe(ex);
                run.Error = $"Step {step.Index} ({step.Action}): {step.Error}";
                var failed = step.Attempts - step.BudgetFrom;
                if (!permanent && failed < options.Value.StepMaxAttempts)
                {
                    var retryAt = time.GetUtcNow() + options.Value.Backoff(failed);
                    step.Status = AutomationStepStatus.Pending;
                    step.DueAt = retryAt;
                    await WaitAsync(session, run, retryAt, AutomationRunStatus.Running, cancellationToken);
                    return;
                }

                step.Status = AutomationStepStatus.Failed;
                step.FinishedAt = time.GetUtcNow();
                await FailAsync(session, state, step, jobId, step.FinishedAt.Value, cancellationToken);
                return;
            }
        }

        var end = time.GetUtcNow();
        run.Status = AutomationRunStatus.Completed;
        run.FinishedAt = end;
        run.UpdatedAt = end;
        run.NextDueAt = null;
        run.LeaseUntil = null;
        run.Error = null;
        await SaveAsync(session, cancellationToken);
    }

    private bool Evaluate(string condition, AutomationRunState state, AutomationRunStep step, DateTimeOffset now)
    {
        try
        {
            return AutomationCondition.Evaluate(condition, state.Data, state.Profile, state.Refs);
        }
        catch (AutomationStepException ex)
        {
            step.Error = ex.Message;
            state.Run.Error = $"Step {step.Index} ({step.Action}): {ex.Message}";
            step.Status = AutomationStepStatus.Failed;
            step.StartedAt ??= now;
            return false;
        }
    }

    private static DateTimeOffset DelayEnd(JsonObject definition, AutomationRunState state, DateTimeOffset now)
    {
        if (definition["duration"]?.GetValue<string>() is { } duration)
        {
            return now + (AutomationDuration.Parse(duration) ?? TimeSpan.Zero);
        }

        var until = AutomationText.Render(definition["until"]!.GetValue<string>(), state.Data, state.Profile, state.Refs);
        return AutomationStepsParser.ParseUntil(until) ?? now;
    }

    private static void Finish(AutomationRunState state, AutomationRunStep step, AutomationStepStatus status, DateTimeOffset now)
    {
        step.Status = status;
        step.StartedAt ??= now;
        step.FinishedAt = now;
        state.Store();
        step.DataAfterJson = state.Run.DataJson;
        if (status != AutomationStepStatus.Failed)
        {
            state.Run.CurrentStep++;
            state.Run.NextDueAt = now;
        }

        state.Run.UpdatedAt = now;
    }

    /// <summary>Stores when the run goes on, lets go of it, then schedules the continuation: the row first, the job second.</summary>
    private async Task WaitAsync(Session session, AutomationRun run, DateTimeOffset due, AutomationRunStatus status, CancellationToken cancellationToken)
    {
        run.Status = status;
        run.NextDueAt = due;
        run.LeaseUntil = null;
        run.UpdatedAt = time.GetUtcNow();
        await SaveAsync(session, cancellationToken);
        ScheduleContinuation(run.Id, due);
    }

    private void ScheduleContinuation(string runId, DateTimeOffset due)
    {
        var jobId = jobs.Schedule<AutomationJob>(JobQueues.Automations, job => job.RunAsync(runId, null, CancellationToken.None), due);
        promoter.Add(jobId, JobQueues.Automations, due);
    }

    /// <summary>When the run waits, unheld, for a time still ahead: the due time a job that came early should come back at.</summary>
    private async Task<DateTimeOffset?> NotYetDueAsync(NotificationsDbContext db, string runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.AutomationRuns
            .Where(r => r.Id == runId && (r.Status == AutomationRunStatus.Running || r.Status == AutomationRunStatus.Waiting))
            .Where(r => r.NextDueAt != null && r.NextDueAt > now)
            .Where(r => r.LeaseUntil == null || r.LeaseUntil <= now)
            .Select(r => r.NextDueAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task FailAsync(Session session, AutomationRunState state, AutomationRunStep step, string? jobId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = state.Run;
        state.Store();
        run.Status = AutomationRunStatus.Failed;
        run.FinishedAt = now;
        run.UpdatedAt = now;
        run.NextDueAt = null;
        run.LeaseUntil = null;
        run.FailedJobId = jobId;
        await SaveAsync(session, cancellationToken);
        logger.LogWarning("Automation run {RunId} failed at step {Index} ({Action}): {Error}", run.Id, step.Index, step.Action, step.Error);
        // Thrown so the Hangfire job lands in the Failed page, where Requeue retries the run.
        throw new AutomationRunFailedException(run.Id, step.Index, step.Error ?? "failed");
    }

    /// <summary>
    /// Saves, announcing a run whose status this save changes in the same transaction: the job's open transaction
    /// (the one that took the lease) when there is one, else a new one.
    /// </summary>
    private async Task SaveAsync(Session session, CancellationToken cancellationToken)
    {
        var db = session.Db;
        var changed = db.ChangeTracker.Entries<AutomationRun>()
            .Where(e => e.State == EntityState.Modified && e.Property(r => r.Status).OriginalValue != e.Property(r => r.Status).CurrentValue)
            .Select(e => e.Entity.Id)
            .ToList();
        var open = session.Open;
        session.Open = null;
        await using var transaction = open ?? await writes.BeginAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await sinks.WriteAsync(db, changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A job's context and, until its first save, the transaction in which it took the lease.</summary>
    private sealed class Session(NotificationsDbContext db, IWriteTransaction open)
    {
        public NotificationsDbContext Db { get; } = db;

        public IWriteTransaction? Open { get; set; } = open;
    }

    private static string Describe(Exception ex)
    {
        var text = ex switch
        {
            AutomationStepException { Code: { } code } step => $"{code}: {step.Message}",
            RequestValidationException validation => $"{validation.Field}: {validation.Message}",
            _ => ex.Message,
        };
        return text.Length > 2000 ? text[..2000] : text;
    }
}
