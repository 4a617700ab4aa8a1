using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers.Simulated;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Simulated;

/// <summary>A simulated receipt is future work as a row: a crash that loses its Hangfire job leaves nothing stuck SENT.</summary>
public sealed class SimulatedReceiptRecoveryTests
{
    private const string EmailSend = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"},"routing":{"method":"single","channels":["email"]}}}""";

    [Fact]
    public async Task RecoverySweep_DeliversSentMessage_WhoseReceiptJobWasLost()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 1000));
        var id = (await engine.SendAsync(EmailSend)).Single();
        await engine.RunSendJobAsync(id);
        Assert.Equal(MessageStatus.Sent, (await engine.MessageAsync(id)).Status);
        // What a kill -9 does to the receipt's scheduled job with in-memory job storage: it is gone.
        DeleteScheduledReceiptJobs(engine);

        engine.Time.Advance(TimeSpan.FromSeconds(1) + Grace(engine) + TimeSpan.FromSeconds(1));
        var recovered = await engine.Services.GetRequiredService<RecoverySweepJob>().RunAsync(false);
        await RunEnqueuedReceiptJobsAsync(engine);

        Assert.Equal(1, recovered);
        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], (await engine.HistoryAsync(id)).Select(e => e.Type));
        await using var db = engine.CreateContext();
        Assert.Empty(await db.SimulatedReceipts.ToListAsync());
    }

    [Fact]
    public async Task SendJob_WritesTheReceiptRow_WithTheAcceptance()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 1500));
        var id = (await engine.SendAsync(EmailSend)).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        await using var db = engine.CreateContext();
        var receipt = Assert.Single(await db.SimulatedReceipts.ToListAsync());
        Assert.Equal(id, receipt.MessageId);
        Assert.Equal(message.ProviderMessageId, receipt.ProviderMessageId);
        Assert.Equal("sim-email", receipt.Provider);
        Assert.Equal(message.SentAt!.Value.AddMilliseconds(1500), receipt.DueAt);
        Assert.Null(receipt.LeaseUntil);
    }

    [Fact]
    public async Task RecoverySweep_LeavesAReceiptAlone_WhileNotDueOrHeld()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 1000));
        var id = (await engine.SendAsync(EmailSend)).Single();
        await engine.RunSendJobAsync(id);
        var sweep = engine.Services.GetRequiredService<RecoverySweepJob>();

        // Due, but within the grace: its own scheduled job is about to run.
        engine.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await sweep.RunAsync(false));

        engine.Time.Advance(Grace(engine));
        Assert.Equal(1, await sweep.RunAsync(false));
        // Enqueued and held: the next sweep, seconds later, does not enqueue it again.
        engine.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await sweep.RunAsync(false));
    }

    [Fact]
    public async Task RunAsync_Twice_DeliversOnce_AndDeletesTheRow()
    {
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 1000));
        var id = (await engine.SendAsync(EmailSend)).Single();
        await engine.RunSendJobAsync(id);
        var providerMessageId = (await engine.MessageAsync(id)).ProviderMessageId!;
        var job = engine.Services.GetRequiredService<SimulatedReceiptJob>();

        await job.RunAsync(id, providerMessageId, CancellationToken.None);
        await job.RunAsync(id, providerMessageId, CancellationToken.None);

        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
        Assert.Single(await engine.HistoryAsync(id), e => e.Type == "DELIVERED");
        await using var db = engine.CreateContext();
        Assert.Empty(await db.SimulatedReceipts.ToListAsync());
    }

    [Fact]
    public async Task DatabaseInitializer_ReleasesReceiptLeases_LeftByADeadProcess()
    {
        // SQLite only: one process per file, so a starting one knows every lease is a dead process's.
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 1000), provider: DatabaseProvider.Sqlite);
        var id = (await engine.SendAsync(EmailSend)).Single();
        await engine.RunSendJobAsync(id);
        await using var db = engine.CreateContext();
        // A sweep of the dead process had enqueued it: held, and its job gone with the process.
        await db.SimulatedReceipts.ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntil, engine.Time.GetUtcNow().AddMinutes(1)));

        await new DatabaseInitializer(db, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();

        engine.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null((await db.SimulatedReceipts.AsNoTracking().SingleAsync()).LeaseUntil);
        Assert.Equal(1, await engine.Services.GetRequiredService<RecoverySweepJob>().RunAsync(true));
    }

    private static TimeSpan Grace(EngineHost engine) =>
        TimeSpan.FromSeconds(engine.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.RecoveryGraceSeconds);

    private static void DeleteScheduledReceiptJobs(EngineHost engine)
    {
        var monitoring = engine.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var scheduled = monitoring.ScheduledJobs(0, 100).Where(j => j.Value.Job?.Type == typeof(SimulatedReceiptJob)).ToList();
        Assert.NotEmpty(scheduled);
        var client = engine.Services.GetRequiredService<IBackgroundJobClient>();
        scheduled.ForEach(j => client.Delete(j.Key));
    }

    /// <summary>Runs the receipt jobs waiting in the send queue, as the Hangfire server would.</summary>
    private static async Task RunEnqueuedReceiptJobsAsync(EngineHost engine)
    {
        var monitoring = engine.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var enqueued = monitoring.EnqueuedJobs(JobQueues.Send, 0, 100).Where(j => j.Value.Job?.Type == typeof(SimulatedReceiptJob)).ToList();
        Assert.NotEmpty(enqueued);
        var job = engine.Services.GetRequiredService<SimulatedReceiptJob>();
        foreach (var (_, dto) in enqueued)
        {
            await job.RunAsync((string)dto.Job.Args[0], (string)dto.Job.Args[1], CancellationToken.None);
        }
    }
}
