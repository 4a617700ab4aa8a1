namespace NotificationOps.Engine.Automations;

/// <summary>A step's status; the API writes them upper-case.</summary>
public enum AutomationStepStatus
{
    Pending,
    Running,
    Waiting,
    Completed,
    Skipped,
    Failed,
    Canceled,
}
