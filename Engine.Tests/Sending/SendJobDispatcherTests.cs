using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

/// <summary>Delayed messages go to batch jobs at their time, not to a job each; an early job comes back at the time.</summary>
public sealed class SendJobDispatcherTests
{
    [Fact]
    public async Task AcceptAsync_DelayedSendToThree_SchedulesOneBatchJob()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated());

        var ids = await engine.SendAsync("""{"message":{"to":[{"email":"a@example.com"},{"email":"b@example.com"},{"email":"c@example.com"}],"content":{"body":"later"},"delay":{"duration":60000}}}""");

        var job = Assert.Single(Scheduled(engine));
        Assert.Equal(nameof(SendJob.RunBatchAsync), job.Value.Job.Method.Name);
        Assert.Equal(ids.Order(), ((string[])job.Value.Job.Args[0]).Order());
    }

    [Fact]
    public async Task Dispatch_DelayedMessages_GroupsThoseDueWithinTheWindow_AtTheLatestTime()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated());
        var at = DateTimeOffset.UtcNow.AddMinutes(5);
        var pending = new SendJobDispatcher.Pending([], [("c", at.AddSeconds(1)), ("a", at), ("b", at.AddMilliseconds(100))]);

        engine.Services.GetRequiredService<SendJobDispatcher>().Dispatch(pending);

        var jobs = Scheduled(engine).Select(j => (Ids: (string[])j.Value.Job.Args[0], j.Value.EnqueueAt)).OrderBy(j => j.EnqueueAt).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.Equal(["a", "b"], jobs[0].Ids);
        Assert.Equal(["c"], jobs[1].Ids);
        Assert.True(jobs[0].EnqueueAt >= at.AddMilliseconds(100).UtcDateTime.AddSeconds(-1), "The group's job is scheduled at its latest message's time.");
    }

    [Fact]
    public async Task RunAsync_DelayedMessageWhoseJobCameEarly_IsScheduledAgainForItsTime()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated());
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"body":"later"},"delay":{"duration":60000}}}""")).Single();
        var before = Scheduled(engine).Count;

        await engine.RunSendJobAsync(id);

        Assert.Equal(MessageStatus.Delayed, (await engine.MessageAsync(id)).Status);
        Assert.Equal(before + 1, Scheduled(engine).Count);
        Assert.Contains(Scheduled(engine), j => ((string[])j.Value.Job.Args[0]).Contains(id));
    }

    [Fact]
    public async Task RecoverAsync_AtStartUp_SchedulesAgainTheSendsDueWithinTheHour()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated());
        var soon = (await engine.SendAsync("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"soon"},"delay":{"duration":60000}}}""")).Single();
        await engine.SendAsync("""{"message":{"to":{"email":"b@example.com"},"content":{"body":"tomorrow"},"delay":{"duration":86400000}}}""");
        var source = engine.Services.GetRequiredService<IEnumerable<NotificationOps.Engine.Jobs.IRecoverySource>>().OfType<MessageRecoverySource>().Single();
        var before = Scheduled(engine).Count;

        await source.RecoverAsync(startup: true, CancellationToken.None);

        var added = Scheduled(engine).Select(j => (string[])j.Value.Job.Args[0]).Where(ids => ids.Contains(soon)).ToList();
        Assert.Equal(before + 1, Scheduled(engine).Count); // the one due within the hour, not tomorrow's
        Assert.Equal(2, added.Count); // its job from the send, and the one made again at start-up
    }

    private static List<KeyValuePair<string, ScheduledJobDto>> Scheduled(EngineHost engine) =>
        [.. engine.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000)];
}
