namespace NotificationOps.Engine.Operations;

public enum BulkOperationKind
{
    Retry = 1,
    Cancel = 2,

    /// <summary>A retry of the failed automation runs in a filter (Automations/AutomationBulkRetry); its FilterJson is a run filter.</summary>
    RetryAutomationRuns = 3,
}
