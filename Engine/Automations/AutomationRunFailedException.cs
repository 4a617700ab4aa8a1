namespace NotificationOps.Engine.Automations;

/// <summary>A run failed: its step's retry budget is spent or the failure is permanent. Fails the Hangfire job on purpose.</summary>
public sealed class AutomationRunFailedException(string runId, int stepIndex, string error)
    : Exception($"Automation run {runId} failed at step {stepIndex}: {error}")
{
    public string RunId { get; } = runId;

    public int StepIndex { get; } = stepIndex;
}
