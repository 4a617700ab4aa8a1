using NotificationOps.Engine.Incidents;
using static NotificationOps.Engine.Tests.Incidents.RuleSnapshots;

namespace NotificationOps.Engine.Tests.Incidents;

public sealed class ProviderFailureRuleTests
{
    private static readonly OperationsOptions Options = new();

    [Theory]
    [InlineData(10, 6, true)]   // 60 % of the minimum number of attempts
    [InlineData(40, 38, true)]
    [InlineData(10, 5, false)]  // exactly 50 % is not over 50 %
    [InlineData(9, 9, false)]   // every attempt failed, but too few to judge
    [InlineData(0, 0, false)]
    public void Evaluate_TripsOnlyOverTheRateWithEnoughAttempts(int attempts, int failures, bool trips)
    {
        var snapshot = Email(Window("hook-a", attempts, failures), Window("hook-b", 20, 0));

        var findings = new ProviderFailureRule().Evaluate(snapshot, Options).ToList();

        Assert.Equal(trips, findings.Count == 1);
        if (trips)
        {
            var finding = findings[0];
            Assert.Equal(ComponentStatus.PartialOutage, finding.Status);
            Assert.Equal(["delivery/hook-a"], finding.Components);
            Assert.Equal($"hook-a: {failures} of {attempts} attempts failed in 2 min, HTTP 500.", finding.Evidence);
            Assert.Null(finding.AlertNote);
        }
    }

    [Fact]
    public void Evaluate_EveryProviderOfTheChannelFailing_IsMajorOutageOfDelivery()
    {
        var snapshot = Email(Window("hook-a", 12, 12), Window("hook-b", 10, 8, status: 503));

        var finding = Assert.Single(new ProviderFailureRule().Evaluate(snapshot, Options));

        Assert.Equal(ComponentStatus.MajorOutage, finding.Status);
        Assert.Equal(IncidentImpact.Critical, finding.Impact);
        Assert.Equal(["delivery", "delivery/hook-a", "delivery/hook-b"], finding.Components);
        Assert.Equal("delivery:email", finding.Key);
        Assert.Contains("hook-b: 8 of 10 attempts failed in 2 min, HTTP 503", finding.Evidence);
        Assert.Equal("Every email provider is failing: alerts sent by email cannot get out until one recovers.", finding.AlertNote);
    }

    [Fact]
    public void Evaluate_OneOfTwoProvidersFailing_HasNoAlertNote_AlertsGoThroughTheOther()
    {
        var finding = Assert.Single(new ProviderFailureRule().Evaluate(Email(Window("hook-a", 12, 12), Window("hook-b", 10, 0)), Options));

        Assert.Equal(ComponentStatus.PartialOutage, finding.Status);
        Assert.Null(finding.AlertNote);
    }

    [Fact]
    public void Evaluate_OnlyProviderOfChannel_SaysAlertsCannotGetOut()
    {
        var finding = Assert.Single(new ProviderFailureRule().Evaluate(Email(Window("hook-a", 10, 10)), Options));

        Assert.Equal(ComponentStatus.MajorOutage, finding.Status);
        Assert.Contains("only email provider", finding.AlertNote);
    }

    [Fact]
    public void Evaluate_ProviderThatCannotBeReached_SaysSoInWords()
    {
        var unreachable = new ProviderWindow("hook-a", "email", 12, 12, null, "connection");

        var finding = Assert.Single(new ProviderFailureRule().Evaluate(Email(unreachable), Options));

        Assert.Equal("hook-a: 12 of 12 attempts failed in 2 min, could not connect.", finding.Evidence);
    }

    [Fact]
    public void Evaluate_HonoursConfiguredThresholds()
    {
        var strict = new OperationsOptions { ProviderMinAttempts = 3, ProviderFailurePercent = 20, ProviderWindowSeconds = 300 };

        var finding = Assert.Single(new ProviderFailureRule().Evaluate(Email(Window("hook-a", 4, 1), Window("hook-b", 4, 0)), strict));

        Assert.Contains("1 of 4 attempts failed in 5 min", finding.Evidence);
    }
}
