namespace NotificationOps.Engine.Bulk;

/// <summary>
/// A Courier bulk job: the message definition, its users (<see cref="BulkUser"/> rows), and the counts. Running it is a
/// durable state change (PROCESSING) that a job works through a batch of users at a time, so the recovery sweep resumes
/// a run that was interrupted.
/// </summary>
public sealed class BulkJob
{
    public required string Id { get; set; }

    /// <summary>The <c>message</c> object as created: event, template, content, brand, data, locale, override.</summary>
    public required string DefinitionJson { get; set; }

    public BulkJobStatus Status { get; set; } = BulkJobStatus.Created;

    /// <summary>Users ingested; also the index the next ingested user gets.</summary>
    public int Received { get; set; }

    public int Enqueued { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }
}
