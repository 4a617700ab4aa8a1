namespace NotificationOps.Engine.Incidents;

/// <summary>An incident's timeline: investigating → identified → monitoring → resolved.</summary>
public enum IncidentStatus
{
    Investigating = 0,
    Identified = 1,
    Monitoring = 2,
    Resolved = 3,
}
