namespace NotificationOps.Engine.Incidents;

/// <summary>No job server alive (while one is expected) stops every send and automation: a major outage.</summary>
public sealed class JobServerRule : IHealthRule
{
    public IEnumerable<RuleFinding> Evaluate(HealthSnapshot snapshot, OperationsOptions options)
    {
        if (snapshot.JobServerExpected && snapshot.JobServers == 0)
        {
            yield return new RuleFinding(
                "jobs:server",
                "Job server missing",
                ComponentStatus.MajorOutage,
                [StatusComponents.Delivery, StatusComponents.Automations],
                "No job server has sent a heartbeat in the last minute: sends, retries and automations are not running.");
        }
    }
}
