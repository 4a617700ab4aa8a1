using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage.SQLite;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Engine.Tests.Jobs;

public sealed class SqliteJobStorageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nops-jobs-").FullName;

    private string JobFile => Path.Combine(folder, "notifications.jobs.db");

    [Fact]
    public void PathBeside_NamesAFileBesideTheDatabase_NotInsideIt()
    {
        var path = SqliteJobStorage.PathBeside($"Data Source={Path.Combine(folder, "notifications.db")}");

        Assert.Equal(JobFile, path);
    }

    [Fact]
    public void PathBeside_FailsNamingTheKey_ForAnInMemoryDatabase()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqliteJobStorage.PathBeside("Data Source=:memory:"));

        Assert.Contains("Jobs:Storage", error.Message);
    }

    [Fact]
    public void Open_RefusesASecondOwner_UntilTheFirstIsDisposed()
    {
        var first = SqliteJobStorage.Open(JobFile);

        var error = Assert.Throws<InvalidOperationException>(() => SqliteJobStorage.Open(JobFile));
        first.Dispose();
        using var second = SqliteJobStorage.Open(JobFile);

        Assert.Contains("Jobs:Storage", error.Message);
        Assert.Contains("in use by another process", error.Message);
        Assert.Equal(JobFile, second.Path);
    }

    [Fact]
    public void Open_PutsBackJobsFetchedByAProcessThatDied()
    {
        string jobId;
        using (var before = SqliteJobStorage.Open(JobFile))
        {
            jobId = new BackgroundJobClient(before.Storage).Enqueue(() => Console.WriteLine("job"));
            using var connection = before.Storage.GetConnection();
            // Fetched and never finished nor requeued: what a process killed mid-job leaves behind.
            var fetched = connection.FetchNextJob(["default"], CancellationToken.None);
            Assert.Equal(jobId, fetched.JobId);
        }

        using var after = SqliteJobStorage.Open(JobFile);
        using var again = after.Storage.GetConnection();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var refetched = again.FetchNextJob(["default"], timeout.Token);

        Assert.Equal(jobId, refetched.JobId);
    }

    [Fact]
    public void Open_KeepsScheduledAndFailedJobs_AcrossARestart()
    {
        using (var before = SqliteJobStorage.Open(JobFile))
        {
            // No filters: the global automatic retry would turn the failure into another scheduled job.
            var client = new BackgroundJobClient(before.Storage, new JobFilterCollection());
            client.Schedule(() => Console.WriteLine("later"), TimeSpan.FromHours(1));
            var failing = client.Enqueue(() => Console.WriteLine("fails"));
            client.ChangeState(failing, new FailedState(new InvalidOperationException("boom")));
        }

        using var after = SqliteJobStorage.Open(JobFile);
        var monitoring = after.Storage.GetMonitoringApi();

        Assert.Equal(1, monitoring.ScheduledCount());
        Assert.Equal(1, monitoring.FailedCount());
    }

    /// <summary>
    /// The library's issue #79: a lock's heartbeat timer writes over the connection its holder keeps using. With the
    /// default lifetime (30 s) a heartbeat beats every 6 s, 600 an hour; here the lifetime is 25 ms (a beat every
    /// 5 ms) and six holders hammer their connections meanwhile, so seconds hold hours of heartbeats.
    /// </summary>
    [Fact]
    public async Task Storage_SurvivesHeartbeatsOnSharedConnections_ForHoursOfBeats()
    {
        using var jobs = SqliteJobStorage.Open(JobFile, distributedLockLifetime: TimeSpan.FromMilliseconds(25));
        var beats = 0;
        // Until three hours of one lock's heartbeats at the default lifetime (1,800) have run, within a minute.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        bool Running() => Volatile.Read(ref beats) < 1_800 && DateTime.UtcNow < deadline;
        // Holders on threads of their own, so the heartbeat timers never wait for a pool thread behind them.
        var holders = Enumerable.Range(0, 6).Select(holder => Task.Factory.StartNew(() =>
        {
            var round = 0;
            while (Running())
            {
                using var connection = jobs.Storage.GetConnection();
                using (var held = (SQLiteDistributedLock)connection.AcquireDistributedLock($"stress-{holder}", TimeSpan.FromSeconds(10)))
                {
                    held.Heartbeat += _ => Interlocked.Increment(ref beats);
                    var roundEnds = DateTime.UtcNow.AddMilliseconds(200);
                    while (DateTime.UtcNow < roundEnds)
                    {
                        connection.SetRangeInHash($"stress-{holder}", [new($"k{round % 50}", round.ToString())]);
                        Assert.NotNull(connection.GetAllEntriesFromHash($"stress-{holder}"));
                        connection.CreateExpiredJob(
                            Job.FromExpression(() => Console.WriteLine("x")),
                            new Dictionary<string, string?>(), DateTime.UtcNow, TimeSpan.FromMinutes(1));
                        round++;
                    }
                }
            }
        }, TaskCreationOptions.LongRunning)).ToList();

        await Task.WhenAll(holders);
        using var check = SqliteJobStorage.Connect(JobFile);

        Assert.Equal("ok", check.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.True(beats >= 1_800, $"Only {beats} heartbeats ran (three hours of one lock's beats at the default lifetime is 1,800).");
    }

    /// <summary>
    /// A lock's heartbeat timer may fire once more after the lock, its connection and even the storage were disposed;
    /// it then runs its UPDATE over that connection. A closed handle there killed the test host with a segfault.
    /// </summary>
    [Fact]
    public void Connect_StaysUsable_AfterDispose_ForALateHeartbeat()
    {
        var connection = SqliteJobStorage.Connect(JobFile);
        connection.Execute("CREATE TABLE beats (at INTEGER)");
        connection.BeginTransaction();
        connection.Execute("INSERT INTO beats VALUES (1)");

        connection.Dispose();

        Assert.False(connection.IsInTransaction); // rolled back, as a close would have: no lock held meanwhile
        Assert.Equal(1, connection.Execute("INSERT INTO beats VALUES (2)"));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM beats"));
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }
}
