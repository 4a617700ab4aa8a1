using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Jobs;

public sealed class RecoverySweepJobTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_RecordsRun_WhenNothingToRecover()
    {
        await using var database = await TestDatabase.CreateAsync();
        var job = new RecoverySweepJob(database.Factory, [], time, NullLogger<RecoverySweepJob>.Instance);

        Assert.Equal(0, await job.RunAsync(false));

        await using var db = database.CreateContext();
        var run = await db.JobRuns.SingleAsync();
        Assert.Equal(RecoverySweepJob.JobId, run.JobName);
        Assert.Equal(0, run.ItemsProcessed);
        Assert.NotNull(run.FinishedAt);
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task RunAsync_SumsEverySource()
    {
        await using var database = await TestDatabase.CreateAsync();
        var job = new RecoverySweepJob(database.Factory, [new FixedSource(2), new FixedSource(3)], time, NullLogger<RecoverySweepJob>.Instance);

        Assert.Equal(5, await job.RunAsync(false));

        await using var db = database.CreateContext();
        Assert.Equal(5, (await db.JobRuns.SingleAsync()).ItemsProcessed);
    }

    [Fact]
    public async Task RunAsync_RecordsError_AndRethrows_SoHangfireRetries()
    {
        await using var database = await TestDatabase.CreateAsync();
        var job = new RecoverySweepJob(database.Factory, [new FailingSource()], time, NullLogger<RecoverySweepJob>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(false));

        await using var db = database.CreateContext();
        Assert.Equal("store unavailable", (await db.JobRuns.SingleAsync()).Error);
    }

    [Fact]
    public async Task RunAsync_PrunesRunsOlderThanADay()
    {
        await using var database = await TestDatabase.CreateAsync();
        var job = new RecoverySweepJob(database.Factory, [], time, NullLogger<RecoverySweepJob>.Instance);
        await job.RunAsync(false);

        time.Advance(TimeSpan.FromHours(25));
        await job.RunAsync(false);

        await using var db = database.CreateContext();
        var run = await db.JobRuns.SingleAsync();
        Assert.Equal(time.GetUtcNow(), run.StartedAt);
    }

    private sealed class FixedSource(int count) : IRecoverySource
    {
        public Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken) => Task.FromResult(count);
    }

    private sealed class FailingSource : IRecoverySource
    {
        public Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken) => throw new InvalidOperationException("store unavailable");
    }
}
