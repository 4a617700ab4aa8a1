using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Automations;

/// <summary>One run of a job's batch while the job works it: its values, its step rows and what it waits for next.</summary>
public sealed class AutomationBatchItem(AutomationRun run, List<AutomationRunStep> steps)
{
    public AutomationRunState State { get; } = new(run);

    public AutomationRun Run => State.Run;

    public List<AutomationRunStep> Steps { get; } = steps;

    public JsonArray Definitions { get; } = JsonNode.Parse(run.StepsJson)!.AsArray();

    /// <summary>The step marked running in the last save, to be done before the next one.</summary>
    public AutomationRunStep? Executing { get; set; }

    /// <summary>Stopped at an <c>if</c> while the write transaction was open: evaluated after the commit.</summary>
    public bool AtCondition { get; set; }

    /// <summary>When a continuation job is to come back for it (a delay or a retry), once the save is committed.</summary>
    public DateTimeOffset? ContinueAt { get; set; }

    /// <summary>The step it failed at, once failed.</summary>
    public AutomationRunStep? FailedAt { get; set; }

    /// <summary>Waits, finished, failed or dropped: nothing more for this job to do.</summary>
    public bool Done { get; set; }

    public JsonObject Definition(AutomationRunStep step) => Definitions[step.Index]!.AsObject();
}
