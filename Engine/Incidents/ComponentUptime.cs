namespace NotificationOps.Engine.Incidents;

/// <summary>A component's uptime bar: one entry per day, oldest first.</summary>
public sealed record ComponentUptime(string Id, string Name, IReadOnlyList<DayUptime> Days)
{
    public double Percent => Days.Count == 0 ? 100 : Days.Average(d => d.Percent);
}
