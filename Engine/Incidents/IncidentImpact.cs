namespace NotificationOps.Engine.Incidents;

public enum IncidentImpact
{
    None = 0,
    Minor = 1,
    Major = 2,
    Critical = 3,
}
