using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Starts runs: the run and every step are rows, committed before the answer; the job is enqueued after the
/// commit, and were it lost the recovery sweep finds the run (its first step is due at once).
/// </summary>
public sealed class AutomationInvoker(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    IBackgroundJobClient jobs,
    RunChangeSinks sinks,
    TimeProvider time)
{
    public async Task<string> StartAsync(AutomationInvocation invocation, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var run = NewRun(invocation, now);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            if (invocation.RunId is not null && await db.AutomationRuns.AnyAsync(r => r.Id == invocation.RunId, cancellationToken))
            {
                return invocation.RunId; // an invoke step that ran twice: its run already exists
            }

            db.AutomationRuns.Add(run);
            db.AutomationRunSteps.AddRange(NewSteps(run.Id, invocation.Steps));
            await db.SaveChangesAsync(cancellationToken);
            await sinks.WriteAsync(db, [run.Id], cancellationToken); // a new run is RUNNING: its first status change
            await transaction.CommitAsync(cancellationToken);
        }

        Enqueue(run.Id);
        return run.Id;
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
            var run = NewRun(invocation, now);
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

    private static AutomationRun NewRun(AutomationInvocation invocation, DateTimeOffset now) => new()
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
}
