namespace NotificationOps.Engine.Bulk;

/// <summary>A bulk user's status: PENDING until the run reaches it, then ENQUEUED (its message exists) or ERROR.</summary>
public enum BulkUserStatus
{
    Pending = 1,
    Enqueued = 2,
    Error = 3,
}
