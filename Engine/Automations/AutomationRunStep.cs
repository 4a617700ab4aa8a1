namespace NotificationOps.Engine.Automations;

/// <summary>One step of a run, as a row: what it did, when, how often it was tried and what it sent.</summary>
public sealed class AutomationRunStep
{
    public required string RunId { get; set; }

    public int Index { get; set; }

    public required string Action { get; set; }

    public AutomationStepStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>The attempt count when the current retry budget began (a manual retry grants a fresh one).</summary>
    public int BudgetFrom { get; set; }

    /// <summary>A delay's end or a retry's time; written before the continuation is scheduled.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>A send step's message (its id derives from run and step); an invoke step's child run id.</summary>
    public string? MessageId { get; set; }

    /// <summary>The run's data once the step finished, for the run page's timeline.</summary>
    public string? DataAfterJson { get; set; }
}
