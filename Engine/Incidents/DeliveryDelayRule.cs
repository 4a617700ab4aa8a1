namespace NotificationOps.Engine.Incidents;

/// <summary>Delivery is degraded ("messages delayed") when the oldest due message has waited longer than the limit.</summary>
public sealed class DeliveryDelayRule : IHealthRule
{
    public IEnumerable<RuleFinding> Evaluate(HealthSnapshot snapshot, OperationsOptions options)
    {
        if (snapshot.OldestDueSeconds > options.DelayedAfterSeconds)
        {
            yield return new RuleFinding(
                "delivery:delay",
                "Messages delayed",
                ComponentStatus.Degraded,
                [StatusComponents.Delivery],
                $"The oldest due message has waited {snapshot.OldestDueSeconds:0} s (limit {options.DelayedAfterSeconds} s); {snapshot.RetryBacklog} messages wait for a retry.");
        }
    }
}
