using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// The in-memory half of <see cref="AutomationRunner"/>: moves a run through its steps and records each step's outcome
/// on the rows, without reading or writing the database. Kept apart so the runner holds only what surrounds it (leases,
/// transactions, saves, continuation jobs) and the step rules read in one place.
/// </summary>
internal sealed class AutomationRunAdvancer(IOptions<AutomationOptions> options, TimeProvider time, NotificationMetrics? metrics)
{
    /// <summary>
    /// In memory: takes the run as far as it goes without acting — through ended delays and skipped steps — up to its
    /// next action (marked running), a wait (a delay's end or a retry), its end, or a failure.
    /// </summary>
    public void Advance(AutomationBatchItem item, DateTimeOffset now, bool conditionsAllowed)
    {
        var run = item.Run;
        item.AtCondition = false;
        while (item.Executing is null && item.ContinueAt is null && item.FailedAt is null && run.CurrentStep < item.Steps.Count)
        {
            var step = item.Steps[run.CurrentStep];
            var definition = item.Definition(step);
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
                Finish(item.State, step, AutomationStepStatus.Completed, now); // the delay has ended
                continue;
            }

            var condition = definition["if"]?.GetValue<string>();
            if (condition is not null && !conditionsAllowed)
            {
                item.AtCondition = true; // not at the write lock while a script runs (up to its time limit)
                return;
            }

            if (condition is not null && !Evaluate(condition, item.State, step, now))
            {
                var failed = step.Status == AutomationStepStatus.Failed;
                Finish(item.State, step, failed ? AutomationStepStatus.Failed : AutomationStepStatus.Skipped, now);
                if (failed)
                {
                    Fail(item, step, now);
                }

                continue;
            }

            if (step.Action == AutomationActions.Delay)
            {
                var due = DelayEnd(definition, item.State, now);
                step.Status = AutomationStepStatus.Waiting;
                step.StartedAt = now;
                step.DueAt = due;
                Wait(item, due, AutomationRunStatus.Waiting, now);
                return;
            }

            step.Status = AutomationStepStatus.Running;
            step.Attempts++;
            step.StartedAt ??= now;
            run.Status = AutomationRunStatus.Running;
            run.NextDueAt = now; // should this job die, the sweep takes the step up again once the lease expires
            run.UpdatedAt = now;
            item.Executing = step;
            return;
        }

        if (item.Executing is null && item.ContinueAt is null && item.FailedAt is null && !item.AtCondition)
        {
            End(run, AutomationRunStatus.Completed, now);
            run.Error = null;
        }
    }

    /// <summary>The step's action succeeded: its output kept under its ref, the step finished.</summary>
    public void Succeeded(AutomationBatchItem item, AutomationRunStep step, JsonObject definition, AutomationStepResult result)
    {
        step.MessageId = result.CreatedId;
        step.Error = null;
        if (definition["ref"]?.GetValue<string>() is { } name)
        {
            item.State.Refs[name] = result.Output?.DeepClone();
        }

        // A send step that ran again after a crash here finds its message (derived id) and sends nothing.
        Finish(item.State, step, AutomationStepStatus.Completed, time.GetUtcNow());
    }

    /// <summary>The step's action threw: a retry after the backoff while attempts remain, else the run fails.</summary>
    public void Failed(AutomationBatchItem item, AutomationRunStep step, Exception ex)
    {
        var run = item.Run;
        var permanent = ex is AutomationStepException { Permanent: true } or RequestValidationException;
        step.Error = Describe(ex);
        run.Error = $"Step {step.Index} ({step.Action}): {step.Error}";
        var failed = step.Attempts - step.BudgetFrom;
        var now = time.GetUtcNow();
        if (!permanent && failed < options.Value.StepMaxAttempts)
        {
            var retryAt = now + options.Value.Backoff(failed);
            step.Status = AutomationStepStatus.Pending;
            step.DueAt = retryAt;
            Wait(item, retryAt, AutomationRunStatus.Running, now);
            return;
        }

        step.Status = AutomationStepStatus.Failed;
        step.FinishedAt = now;
        Fail(item, step, now);
    }

    private static bool Evaluate(string condition, AutomationRunState state, AutomationRunStep step, DateTimeOffset now)
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

    /// <summary>The run goes on at <paramref name="due"/>, unheld: stored first, its continuation scheduled after the commit.</summary>
    private static void Wait(AutomationBatchItem item, DateTimeOffset due, AutomationRunStatus status, DateTimeOffset now)
    {
        var run = item.Run;
        run.Status = status;
        run.NextDueAt = due;
        run.LeaseUntil = null;
        run.UpdatedAt = now;
        item.ContinueAt = due;
    }

    private static void Fail(AutomationBatchItem item, AutomationRunStep step, DateTimeOffset now)
    {
        item.State.Store();
        End(item.Run, AutomationRunStatus.Failed, now);
        item.FailedAt = step;
    }

    /// <summary>The run's end: nothing due any more, nobody holding it.</summary>
    private static void End(AutomationRun run, AutomationRunStatus status, DateTimeOffset now)
    {
        run.Status = status;
        run.FinishedAt = now;
        run.UpdatedAt = now;
        run.NextDueAt = null;
        run.LeaseUntil = null;
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
