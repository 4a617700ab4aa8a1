namespace NotificationOps.Engine.Incidents;

/// <summary>A component's state, worst last (names as public status pages use them).</summary>
public enum ComponentStatus
{
    Operational = 0,
    UnderMaintenance = 1,
    Degraded = 2,
    PartialOutage = 3,
    MajorOutage = 4,
}
