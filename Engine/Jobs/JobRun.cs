namespace NotificationOps.Engine.Jobs;

/// <summary>One run of a recurring job, kept so operators (and the Status page) can see that it runs.</summary>
public sealed class JobRun
{
    public long Id { get; set; }

    public required string JobName { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>How many items the run acted on (for the recovery sweep: messages re-enqueued).</summary>
    public int ItemsProcessed { get; set; }

    public string? Error { get; set; }
}
