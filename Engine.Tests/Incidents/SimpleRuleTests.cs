using NotificationOps.Engine.Incidents;

namespace NotificationOps.Engine.Tests.Incidents;

/// <summary>The one-threshold rules at and around their edges.</summary>
public sealed class SimpleRuleTests
{
    private static readonly OperationsOptions Options = new();

    [Theory]
    [InlineData(60.0, false)] // the limit itself is not over it
    [InlineData(60.5, true)]
    [InlineData(0.0, false)]
    public void DeliveryDelay_TripsOverTheLimit(double oldest, bool trips)
    {
        var findings = new DeliveryDelayRule().Evaluate(new HealthSnapshot { OldestDueSeconds = oldest, RetryBacklog = 3 }, Options).ToList();

        Assert.Equal(trips, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal(ComponentStatus.Degraded, f.Status));
        Assert.All(findings, f => Assert.Contains("3 messages wait for a retry", f.Evidence));
    }

    [Theory]
    [InlineData(300.0, false)]
    [InlineData(301.0, true)]
    public void TrackingLag_TripsOverTheLimit(double lag, bool trips)
    {
        var findings = new TrackingLagRule().Evaluate(new HealthSnapshot { TrackingLagSeconds = lag }, Options).ToList();

        Assert.Equal(trips, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal([StatusComponents.Observability], f.Components));
    }

    [Theory]
    [InlineData(100, 5, false)]  // exactly 5 %
    [InlineData(100, 6, true)]
    [InlineData(19, 19, false)]  // too few requests to judge
    [InlineData(20, 2, true)]
    public void ApiErrors_TripOverTheRateWithEnoughRequests(long requests, long errors, bool trips)
    {
        var findings = new ApiErrorRule().Evaluate(new HealthSnapshot { ApiRequests = requests, ApiServerErrors = errors }, Options).ToList();

        Assert.Equal(trips, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal($"{errors} of {requests} API requests answered 5xx in 2 min.", f.Evidence));
    }

    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(true, 1, false)]
    [InlineData(false, 0, false)] // this installation runs no job server: nothing is missing
    public void JobServer_TripsWhenExpectedAndNoneAlive(bool expected, int servers, bool trips)
    {
        var findings = new JobServerRule().Evaluate(new HealthSnapshot { JobServerExpected = expected, JobServers = servers }, Options).ToList();

        Assert.Equal(trips, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal(ComponentStatus.MajorOutage, f.Status));
    }
}
