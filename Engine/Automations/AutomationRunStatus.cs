namespace NotificationOps.Engine.Automations;

/// <summary>A run's status; the API writes them upper-case (RUNNING, WAITING, ...).</summary>
public enum AutomationRunStatus
{
    Running,
    Waiting,
    Completed,
    Failed,
    Canceled,
}
