namespace NotificationOps.Engine.Lists;

/// <summary>
/// A send to lists, stored at intake in the same transaction as the request's direct messages: the durable record
/// of the expansion still to do. A job expands it a batch of members at a time, each batch one transaction that also
/// moves the keyset position, so the recovery sweep resumes an interrupted expansion where it stopped.
/// </summary>
public sealed class FanOutRequest
{
    /// <summary>The request id the API answered.</summary>
    public required string Id { get; set; }

    /// <summary>The send as <c>{"message": {..., "to": [groups]}}</c>, parsed again by the expansion.</summary>
    public required string RequestJson { get; set; }

    /// <summary>The template version pinned at intake, so every member's message renders the same version.</summary>
    public string? TemplateId { get; set; }

    public int? TemplateVersion { get; set; }

    public FanOutStatus Status { get; set; } = FanOutStatus.Expanding;

    /// <summary>Keyset position: the group being expanded, the list within it, the last member done in that list.</summary>
    public int GroupIndex { get; set; }

    public string? ListId { get; set; }

    public string? AfterUserId { get; set; }

    public int Members { get; set; }

    public int Messages { get; set; }

    /// <summary>Members already sent to by this request (in an earlier list or as a direct recipient): not sent twice.</summary>
    public int Duplicates { get; set; }

    /// <summary>Why groups gave nobody (an unknown list), or why the expansion failed.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }
}
