namespace NotificationOps.Engine.Incidents;

/// <summary>Analytics are stale when tracking aggregation falls further behind than the limit.</summary>
public sealed class TrackingLagRule : IHealthRule
{
    public IEnumerable<RuleFinding> Evaluate(HealthSnapshot snapshot, OperationsOptions options)
    {
        if (snapshot.TrackingLagSeconds > options.TrackingLagSeconds)
        {
            yield return new RuleFinding(
                "observability:tracking-lag",
                "Analytics delayed",
                ComponentStatus.Degraded,
                [StatusComponents.Observability],
                $"Tracking aggregation is {Durations.Long(TimeSpan.FromSeconds(snapshot.TrackingLagSeconds))} behind (limit {Durations.Window(options.TrackingLagSeconds)}).");
        }
    }
}
