namespace NotificationOps.Engine.Bulk;

/// <summary>Courier's bulk job status: CREATED (taking users), PROCESSING (run asked), COMPLETED, ERROR (every user failed).</summary>
public enum BulkJobStatus
{
    Created = 1,
    Processing = 2,
    Completed = 3,
    Error = 4,
}
