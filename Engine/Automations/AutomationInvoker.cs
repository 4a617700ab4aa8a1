using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Starts runs: the run and every step are rows, committed before the answer; the job is enqueued after the
/// commit, and were it lost the recovery sweep finds the run (its first step is due at once). Concurrent invokes
/// are stored together (<see cref="GroupCommit{T}"/>): a transaction per invoke spent the write lock that the runs'
/// own steps need (docs/automations.md, benchmark).
/// </summary>
public sealed class AutomationInvoker : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<NotificationsDbContext> dbFactory;
    private readonly IWriteTransactions writes;
    private readonly IBackgroundJobClient jobs;
    private readonly RunChangeSinks sinks;
    private readonly TimeProvider time;
    private readonly GroupCommit<NewRun> writer;

    public AutomationInvoker(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, IBackgroundJobClient jobs, RunChangeSinks sinks,
        TimeProvider time, ILogger<AutomationInvoker> logger)
    {
        this.dbFactory = dbFactory;
        this.writes = writes;
        this.jobs = jobs;
        this.sinks = sinks;
        this.time = time;
        writer = new GroupCommit<NewRun>(CommitAsync, logger, MaxBatch);
    }

    public async Task<string> StartAsync(AutomationInvocation invocation, CancellationToken cancellationToken = default)
    {
        var run = CreateRun(invocation, time.GetUtcNow());
        await writer.WriteAsync(new NewRun(run, NewSteps(run.Id, invocation.Steps).ToList())).WaitAsync(cancellationToken);
        return run.Id; // new, or the run an invoke step that ran twice had already made (its id is derived)
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    /// <summary>
    /// One transaction for the runs of concurrent invokes (not those that existed), then a job per batch's worth of
    /// them: each job takes the other due runs along (<see cref="AutomationRunner"/>), so a job per run would mostly
    /// find its run taken.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<NewRun> runs)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await writes.BeginAsync(db);
        var ids = runs.Select(r => r.Run.Id).Distinct().ToList();
        var existing = (await db.AutomationRuns.Where(r => EF.Parameter(ids).Contains(r.Id)).Select(r => r.Id).ToListAsync()).ToHashSet();
        var fresh = runs.Where(r => existing.Add(r.Run.Id)).ToList();
        foreach (var (run, steps) in fresh)
        {
            db.AutomationRuns.Add(run);
            db.AutomationRunSteps.AddRange(steps);
        }

        await db.SaveChangesAsync();
        // A new run is RUNNING: its first status change.
        var stored = fresh.Select(r => r.Run.Id).ToList();
        await sinks.WriteAsync(db, stored, CancellationToken.None);
        await transaction.CommitAsync();
        foreach (var chunk in stored.Chunk(AutomationRunner.MaxBatch))
        {
            Enqueue(chunk[0]);
        }
    }

    /// <summary>
    /// Adds runs and their steps to <paramref name="db"/> in the caller's transaction (an inbound event stores itself
    /// and the runs it starts together); the caller enqueues them with <see cref="Enqueue"/> after its commit.
    /// </summary>
    public IReadOnlyList<string> AddRuns(NotificationsDbContext db, IEnumerable<AutomationInvocation> invocations)
    {
        var now = time.GetUtcNow();
        var ids = new List<string>();
        foreach (var invocation in invocations)
        {
            var run = CreateRun(invocation, now);
            db.AutomationRuns.Add(run);
            db.AutomationRunSteps.AddRange(NewSteps(run.Id, invocation.Steps));
            ids.Add(run.Id);
        }

        return ids;
    }

    /// <summary>Announces runs added with <see cref="AddRuns"/>, in the caller's transaction once they are saved.</summary>
    public Task AnnounceAsync(NotificationsDbContext db, IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        sinks.WriteAsync(db, runIds, cancellationToken);

    public void Enqueue(string runId) =>
        jobs.Enqueue<AutomationJob>(JobQueues.Automations, job => job.RunAsync(runId, null, CancellationToken.None));

    private static AutomationRun CreateRun(AutomationInvocation invocation, DateTimeOffset now) => new()
    {
        Id = invocation.RunId ?? AutomationIds.NewRun(),
        TemplateId = invocation.TemplateId,
        TemplateVersion = invocation.TemplateVersion,
        Recipient = invocation.Recipient,
        StepsJson = invocation.Steps.ToJsonString(),
        DataJson = invocation.Data.ToJsonString(),
        ProfileJson = invocation.Profile.ToJsonString(),
        MessageTemplate = invocation.MessageTemplate,
        Brand = invocation.Brand,
        CancelationToken = invocation.CancelationToken is { } token
            ? AutomationText.Render(token, invocation.Data, invocation.Profile, new JsonObject())
            : null,
        Status = AutomationRunStatus.Running,
        NextDueAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static IEnumerable<AutomationRunStep> NewSteps(string runId, JsonArray steps) =>
        steps.Select((step, index) => new AutomationRunStep
        {
            RunId = runId,
            Index = index,
            Action = step!["action"]!.GetValue<string>(),
            Status = AutomationStepStatus.Pending,
        });

    /// <summary>A run and its steps, as one invoke hands them to the group commit.</summary>
    private sealed record NewRun(AutomationRun Run, List<AutomationRunStep> Steps);
}
