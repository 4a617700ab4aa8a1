namespace NotificationOps.Engine.Incidents;

/// <summary>One day of a component's uptime bar: its downtime and the incidents that caused it.</summary>
public sealed record DayUptime(DateOnly Date, long DowntimeMinutes, IReadOnlyList<string> Incidents)
{
    public double Percent => 100.0 * (1440 - Math.Min(1440, DowntimeMinutes)) / 1440;
}
