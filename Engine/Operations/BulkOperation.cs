namespace NotificationOps.Engine.Operations;

/// <summary>A retry or cancel of many messages, run by a Hangfire job in batches; its progress survives restarts.</summary>
public sealed class BulkOperation
{
    public required string Id { get; set; }

    public BulkOperationKind Kind { get; set; }

    /// <summary>The event-log filter it applies to (JSON), when it is "all matching".</summary>
    public string? FilterJson { get; set; }

    /// <summary>The selected message ids (JSON array), when it is "these rows".</summary>
    public string? MessageIdsJson { get; set; }

    public BulkOperationState State { get; set; }

    /// <summary>How many messages matched when it started (the progress bar's end).</summary>
    public int Total { get; set; }

    public int Processed { get; set; }

    public int Succeeded { get; set; }

    public int Refused { get; set; }

    /// <summary>Why messages were refused: reason → count, plus examples (JSON).</summary>
    public string? RefusalsJson { get; set; }

    /// <summary>Keyset position reached, so a restarted job resumes rather than starts over.</summary>
    public string? Cursor { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// Retry also the messages the dry run expects to fail the same way (no address, no provider); off by default,
    /// those are left out and listed as refused with the reason.
    /// </summary>
    public bool IncludeUnfixable { get; set; }

    /// <summary>When the operator closed its panel; it stays in the database and its link keeps working.</summary>
    public DateTimeOffset? DismissedAt { get; set; }
}
