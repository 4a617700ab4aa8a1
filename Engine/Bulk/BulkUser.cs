namespace NotificationOps.Engine.Bulk;

/// <summary>One user of a bulk job, in ingest order; its message id derives from job and index (<see cref="BulkRunner.MessageId"/>).</summary>
public sealed class BulkUser
{
    public required string JobId { get; set; }

    public int Index { get; set; }

    /// <summary>The user as ingested: profile, recipient, to, data, preferences.</summary>
    public required string UserJson { get; set; }

    public BulkUserStatus Status { get; set; } = BulkUserStatus.Pending;

    public string? MessageId { get; set; }

    /// <summary>Why the user's message could not be made (status ERROR).</summary>
    public string? Error { get; set; }
}
