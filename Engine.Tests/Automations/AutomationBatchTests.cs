using Hangfire;
using Hangfire.States;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Engine.Tests.Automations;

/// <summary>A job works its own run and the other due runs it takes along, in rounds of one save each.</summary>
public sealed class AutomationBatchTests
{
    private const string DelayThenSend = AutomationRunnerTests.DelayThenSend; // a 5-minute delay, then a send

    private const string FailingStep = AutomationRunnerTests.FailingStep;

    [Fact]
    public async Task RunAsync_TakesAlongOtherDueRuns_AndTheirOwnJobsFindNothingToDo()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await h.InvokeAsync(DelayThenSend));
        }

        await h.RunJobAsync(runs[0]);
        foreach (var runId in runs)
        {
            Assert.Equal(AutomationRunStatus.Waiting, (await h.RunAsync(runId)).Run.Status);
        }

        h.Engine.Time.Advance(TimeSpan.FromMinutes(6));
        await h.RunJobAsync(runs[2]);
        foreach (var runId in runs)
        {
            var done = await h.RunAsync(runId);
            Assert.Equal(AutomationRunStatus.Completed, done.Run.Status);
            Assert.NotNull(done.Steps[1].MessageId);
        }

        await h.RunJobAsync(runs[0]);
        await h.RunJobAsync(runs[1]);
        Assert.Equal(3, (await h.MessagesAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_ARunTakenAlongFails_WithAFailedHangfireJobOfItsOwn_WhoseRequeueRetriesIt()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var ok = await h.InvokeAsync(DelayThenSend);
        var failing = await h.InvokeAsync(FailingStep);

        await h.RunJobAsync(ok, "job-ok"); // its own run waits; the one it took along fails, and this job does not

        var failed = (await h.RunAsync(failing)).Run;
        Assert.Equal(AutomationRunStatus.Failed, failed.Status);
        Assert.NotNull(failed.FailedJobId);
        using (var connection = h.Get<JobStorage>().GetConnection())
        {
            Assert.Equal(FailedState.StateName, connection.GetStateData(failed.FailedJobId).Name);
        }

        // Hangfire's Requeue runs that job again: the run is reopened and its step tried again.
        await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(failing, failed.FailedJobId));
        Assert.Equal(2, (await h.RunAsync(failing)).Steps[0].Attempts);
    }

    [Fact]
    public async Task RunAsync_RunsDueTogether_ShareOneContinuation_ThatStillWorksThemWhenItsOwnRunIsCanceled()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var first = await h.InvokeAsync(DelayThenSend);
        var second = await h.InvokeAsync(DelayThenSend);
        await h.RunJobAsync(first); // both wait now, due at the same time

        var continuation = Assert.Single(h.Get<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100), j => j.Value.Job?.Type == typeof(AutomationJob));
        Assert.Equal(first, continuation.Value.Job.Args[0]);
        await h.Get<AutomationRunOperations>().CancelAsync(first);
        h.Engine.Time.Advance(TimeSpan.FromMinutes(6));

        await h.RunJobAsync(first); // its own run is canceled: it works the other due run

        Assert.Equal(AutomationRunStatus.Canceled, (await h.RunAsync(first)).Run.Status);
        Assert.Equal(AutomationRunStatus.Completed, (await h.RunAsync(second)).Run.Status);
        Assert.Single(await h.MessagesAsync());
    }

    [Fact]
    public async Task RecoverAsync_AtStartUp_SchedulesAgainTheContinuationsOfRunsWaitingAhead()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var first = await h.InvokeAsync(DelayThenSend);
        await h.InvokeAsync(DelayThenSend);
        await h.RunJobAsync(first); // both wait, due together
        var source = h.Get<IEnumerable<NotificationOps.Engine.Jobs.IRecoverySource>>().OfType<AutomationRecoverySource>().Single();
        var before = Continuations(h);

        await source.RecoverAsync(startup: false, CancellationToken.None);
        Assert.Equal(before, Continuations(h)); // the periodic sweep leaves runs not yet due to their jobs

        await source.RecoverAsync(startup: true, CancellationToken.None);
        Assert.Equal(before + 1, Continuations(h)); // one job for the two, at their time
    }

    private static int Continuations(AutomationHarness h) =>
        h.Get<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100).Count(j => j.Value.Job?.Type == typeof(AutomationJob));
}

