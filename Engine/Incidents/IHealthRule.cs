namespace NotificationOps.Engine.Incidents;

/// <summary>A health rule: a pure judgement of one snapshot, so it is tested with numbers alone.</summary>
public interface IHealthRule
{
    IEnumerable<RuleFinding> Evaluate(HealthSnapshot snapshot, OperationsOptions options);
}
