namespace NotificationOps.Engine.Incidents;

/// <summary>The API is degraded when more than the limit of its requests in the window answered 5xx.</summary>
public sealed class ApiErrorRule : IHealthRule
{
    public IEnumerable<RuleFinding> Evaluate(HealthSnapshot snapshot, OperationsOptions options)
    {
        if (snapshot.ApiRequests >= options.ApiMinRequests && snapshot.ApiServerErrors * 100.0 > options.ApiErrorPercent * snapshot.ApiRequests)
        {
            yield return new RuleFinding(
                "api:errors",
                "API errors",
                ComponentStatus.Degraded,
                [StatusComponents.Api],
                $"{snapshot.ApiServerErrors} of {snapshot.ApiRequests} API requests answered 5xx in {Durations.Window(options.ApiWindowSeconds)}.");
        }
    }
}
