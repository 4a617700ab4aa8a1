namespace NotificationOps.Engine.Incidents;

/// <summary>One entry of an incident's timeline.</summary>
public sealed class IncidentUpdate
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public IncidentStatus Status { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>"rule" for the evaluation job, else the operator's name.</summary>
    public required string Author { get; set; }
}
