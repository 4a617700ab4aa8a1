using System.Diagnostics.Metrics;
using NotificationOps.Engine.Tests.Automations;

namespace NotificationOps.Engine.Tests.Observability;

/// <summary>A delay's end taken up late is measured: seconds past its due time, labelled with the step's action.</summary>
public sealed class StepLatenessMetricTests
{
    [Fact]
    public async Task RunAsync_DelayTakenUpLate_RecordsSecondsPastItsDueTime()
    {
        await using var h = await AutomationHarness.CreateAsync();
        using var recorder = new MetricRecorder(h.Get<IMeterFactory>(), "nops.automation.step_lateness");
        var runId = await h.InvokeAsync("""{"automation":{"steps":[{"action":"delay","duration":"5 minutes"},{"action":"send","template":"welcome"}]},"profile":{"email":"ada@example.com"}}""");
        await h.RunJobAsync(runId);
        Assert.Empty(recorder.Measurements);

        h.Engine.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(3));
        await h.RunJobAsync(runId);

        var (value, tags) = Assert.Single(recorder.Measurements);
        Assert.Equal(3, value);
        Assert.Equal("delay", tags["action"]);
    }
}
