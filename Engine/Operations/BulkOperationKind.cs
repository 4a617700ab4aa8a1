namespace NotificationOps.Engine.Operations;

public enum BulkOperationKind
{
    Retry = 1,
    Cancel = 2,
}
