using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Jobs;

public sealed class DueJobPromoterTests
{
    [Fact]
    public async Task ExecuteAsync_EnqueuesScheduledJob_AtItsDueTimeOnItsQueue()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var jobs = new RecordingJobClient(time);
        using var promoter = new DueJobPromoter(jobs, time, NullLogger<DueJobPromoter>.Instance);
        var due = time.GetUtcNow().AddSeconds(5);
        promoter.Add("job-1", JobQueues.Automations, due);
        await promoter.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(4));
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => jobs.Changes.Count == 1, "the job to be enqueued");

        var change = Assert.Single(jobs.Changes);
        Assert.Equal("job-1", change.JobId);
        Assert.Equal(ScheduledState.StateName, change.ExpectedState);
        Assert.Equal(JobQueues.Automations, Assert.IsType<EnqueuedState>(change.State).Queue);
        Assert.True(change.At >= due, $"Enqueued at {change.At:O}, before its due time {due:O}.");
        Assert.Equal(0, promoter.Count);
        await promoter.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Add_EarlierJob_WakesTheTimerBeforeTheLaterOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var jobs = new RecordingJobClient(time);
        using var promoter = new DueJobPromoter(jobs, time, NullLogger<DueJobPromoter>.Instance);
        promoter.Add("later", JobQueues.Automations, time.GetUtcNow().AddMinutes(10));
        await promoter.StartAsync(CancellationToken.None);

        promoter.Add("sooner", JobQueues.Send, time.GetUtcNow().AddSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => jobs.Changes.Count == 1, "the sooner job to be enqueued");

        Assert.Equal("sooner", Assert.Single(jobs.Changes).JobId);
        Assert.Equal(1, promoter.Count); // the later one still waits for its time
        await promoter.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Add_JobDueBeyondTheHorizon_IsLeftToHangfiresPoll()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var promoter = new DueJobPromoter(new RecordingJobClient(time), time, NullLogger<DueJobPromoter>.Instance);

        promoter.Add("far", JobQueues.Automations, time.GetUtcNow() + DueJobPromoter.Horizon + TimeSpan.FromMinutes(1));
        promoter.Add("near", JobQueues.Automations, time.GetUtcNow().AddMinutes(1));

        Assert.Equal(1, promoter.Count);
    }

    private sealed class RecordingJobClient(TimeProvider time) : IBackgroundJobClient
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string JobId, IState State, string ExpectedState, DateTimeOffset At)> Changes { get; } = new();

        public string Create(Job job, IState state) => throw new NotSupportedException("Only state changes are expected.");

        public bool ChangeState(string jobId, IState state, string expectedState)
        {
            Changes.Enqueue((jobId, state, expectedState, time.GetUtcNow()));
            return true;
        }
    }
}
