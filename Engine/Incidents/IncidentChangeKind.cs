namespace NotificationOps.Engine.Incidents;

public enum IncidentChangeKind
{
    Opened = 0,
    Updated = 1,
    Resolved = 2,
}
