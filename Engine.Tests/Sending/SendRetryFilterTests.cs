using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Tests.Sending;

public sealed class SendRetryFilterTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage storage = new();
    private readonly IStorageConnection connection;
    private readonly List<IWriteOnlyTransaction> transactions = [];

    public SendRetryFilterTests() => connection = storage.GetConnection();

    [Fact]
    public void OnStateElection_TransientFailure_SchedulesTheRetryAfterTheWaitLeftOnTheInjectedClock()
    {
        var context = Failing(new TransientDeliveryException("m1", time.GetUtcNow().AddMinutes(7), "503 from the provider"));

        var before = DateTime.UtcNow;
        new SendRetryFilter(time).OnStateElection(context);
        var after = DateTime.UtcNow;

        var scheduled = Assert.IsType<ScheduledState>(context.CandidateState);
        // Hangfire schedules on the system clock: the wait is what remains on ours, whatever the two clocks say.
        Assert.InRange(scheduled.EnqueueAt, before.AddMinutes(7), after.AddMinutes(7));
        Assert.Equal("Retry attempt 1: 503 from the provider", scheduled.Reason);
    }

    [Fact]
    public void OnStateElection_CountsRetries_InTheJobParameter()
    {
        var filter = new SendRetryFilter(time);
        var first = Failing(new TransientDeliveryException("m1", time.GetUtcNow().AddSeconds(5), "timeout"));
        filter.OnStateElection(first);
        var second = Failing(new TransientDeliveryException("m1", time.GetUtcNow().AddSeconds(10), "timeout"), first.BackgroundJob);

        filter.OnStateElection(second);

        Assert.Equal("Retry attempt 2: timeout", Assert.IsType<ScheduledState>(second.CandidateState).Reason);
        Assert.Equal(2, second.GetJobParameter<int>("RetryCount"));
    }

    [Fact]
    public void OnStateElection_RetryTimeAlreadyPassed_SchedulesAtOnce()
    {
        var context = Failing(new TransientDeliveryException("m1", time.GetUtcNow(), "timeout"));
        time.Advance(TimeSpan.FromMinutes(1));

        var before = DateTime.UtcNow;
        new SendRetryFilter(time).OnStateElection(context);
        var after = DateTime.UtcNow;

        Assert.InRange(Assert.IsType<ScheduledState>(context.CandidateState).EnqueueAt, before, after);
    }

    [Fact]
    public void OnStateElection_OtherFailure_StaysFailed()
    {
        var context = Failing(new InvalidOperationException("a bug"));

        new SendRetryFilter(time).OnStateElection(context);

        Assert.IsType<FailedState>(context.CandidateState);
        Assert.Null(context.GetJobParameter<string>("RetryCount"));
    }

    public void Dispose()
    {
        transactions.ForEach(t => t.Dispose());
        connection.Dispose();
        storage.Dispose();
    }

    private ElectStateContext Failing(Exception exception, BackgroundJob? job = null)
    {
        job ??= NewJob();
        var transaction = connection.CreateWriteTransaction();
        transactions.Add(transaction);
        return new ElectStateContext(new ApplyStateContext(storage, connection, transaction, job, new FailedState(exception), ProcessingState.StateName));
    }

    private BackgroundJob NewJob()
    {
        var id = new BackgroundJobClient(storage).Create(() => Console.WriteLine(), new ScheduledState(TimeSpan.FromDays(1)));
        var data = connection.GetJobData(id);
        return new BackgroundJob(id, data.Job, data.CreatedAt);
    }
}
