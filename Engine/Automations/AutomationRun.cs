namespace NotificationOps.Engine.Automations;

/// <summary>
/// One run of an automation: the record the recovery sweep resumes from (DESIGN.md, Automations). The run's
/// <see cref="NextDueAt"/> is when its current step may go on; a job holds the run by its lease while it works.
/// </summary>
public sealed class AutomationRun
{
    public required string Id { get; set; }

    /// <summary>The automation template it was invoked from; null for an ad-hoc run.</summary>
    public string? TemplateId { get; set; }

    public int? TemplateVersion { get; set; }

    /// <summary>The recipient's user id, as Courier's invoke names it.</summary>
    public string? Recipient { get; set; }

    /// <summary>The steps as invoked (a JSON array), so later edits of the template do not change a running run.</summary>
    public required string StepsJson { get; set; }

    public string DataJson { get; set; } = "{}";

    public string ProfileJson { get; set; } = "{}";

    public string RefsJson { get; set; } = "{}";

    /// <summary>The default message template and brand of the run's send steps.</summary>
    public string? MessageTemplate { get; set; }

    public string? Brand { get; set; }

    public AutomationRunStatus Status { get; set; }

    /// <summary>Rendered at invoke: a cancel step with the same token stops this run while it waits.</summary>
    public string? CancelationToken { get; set; }

    /// <summary>The index of the step the run is at; equal to the step count once every step is done.</summary>
    public int CurrentStep { get; set; }

    /// <summary>When the current step may run (now, a delay's end, a retry's time); null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    /// <summary>The Hangfire job that failed the run: requeuing that job from Hangfire's Failed page retries the run.</summary>
    public string? FailedJobId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The last error of the run (the failed step's), for the runs grid.</summary>
    public string? Error { get; set; }
}
