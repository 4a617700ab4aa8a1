namespace NotificationOps.Engine.Operations;

public enum BulkOperationState
{
    Running = 0,
    Completed = 1,
    Failed = 2,
}
