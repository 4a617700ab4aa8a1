using System.Text.Json.Nodes;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Automations;

public sealed class AutomationRunnerTests
{
    internal const string DelayThenSend = """
        {"automation":{"steps":[{"action":"delay","duration":"5 minutes"},{"action":"send","template":"welcome"}]},
         "recipient":"ada","profile":{"email":"ada@example.com"},"data":{"name":"Ada"}}
        """;

    /// <summary>A step that fails for good at once: it invokes an automation template that does not exist.</summary>
    internal const string FailingStep = """{"automation":{"steps":[{"action":"invoke","template":"missing"}]}}""";

    [Fact]
    public async Task RunAsync_ComesBackAtTheDueTime_WhenItsJobIsHandedOverEarly()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync(DelayThenSend);
        await h.RunJobAsync(runId);
        var due = (await h.RunAsync(runId)).Run.NextDueAt!.Value;
        var scheduled = ScheduledFor(h, runId);
        Assert.Single(scheduled);

        // Hangfire's schedule keeps whole seconds: the continuation may run up to a second before its time. It does
        // nothing then, and is scheduled again for the due time rather than leaving the run to the recovery sweep.
        h.Engine.Time.Advance(due - h.Engine.Time.GetUtcNow() - TimeSpan.FromMilliseconds(300));
        await h.RunJobAsync(runId);

        Assert.Equal(AutomationStepStatus.Waiting, (await h.RunAsync(runId)).Steps[0].Status);
        var again = ScheduledFor(h, runId);
        Assert.Equal(2, again.Count);
        Assert.All(again, at => Assert.Equal(due.UtcDateTime, at, TimeSpan.FromSeconds(1)));
    }

    private static List<DateTime> ScheduledFor(AutomationHarness h, string runId) =>
        h.Get<Hangfire.JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100)
            .Where(j => j.Value.Job?.Type == typeof(AutomationJob) && Equals(j.Value.Job.Args[0], runId))
            .Select(j => j.Value.EnqueueAt)
            .ToList();

    [Fact]
    public async Task RunAsync_Delay_RecordsDueTimeAndWaits_ThenSendsOnceAfterIt()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync(DelayThenSend);

        await h.RunJobAsync(runId);

        var waiting = await h.RunAsync(runId);
        Assert.Equal(AutomationRunStatus.Waiting, waiting.Run.Status);
        Assert.Equal(AutomationStepStatus.Waiting, waiting.Steps[0].Status);
        Assert.Equal(h.Engine.Time.GetUtcNow().AddMinutes(5), waiting.Steps[0].DueAt);
        Assert.Equal(waiting.Steps[0].DueAt, waiting.Run.NextDueAt);
        Assert.Null(waiting.Run.LeaseUntil);

        await h.RunJobAsync(runId); // early: the run is not due, nothing happens
        Assert.Empty(await h.MessagesAsync());

        h.Engine.Time.Advance(TimeSpan.FromMinutes(5));
        await h.RunJobAsync(runId);
        await h.RunJobAsync(runId); // a second job for the same run (a duplicate, or the sweep's): no second send

        var done = await h.RunAsync(runId);
        Assert.Equal(AutomationRunStatus.Completed, done.Run.Status);
        var message = Assert.Single(await h.MessagesAsync());
        Assert.Equal(AutomationIds.ForStep(runId, 1), message.Id);
        Assert.Equal(message.Id, done.Steps[1].MessageId);
        Assert.Equal("ada@example.com", message.RecipientEmail);
        Assert.Equal(["COMPLETED", "COMPLETED"], done.Steps.Select(s => s.Status.ToString().ToUpperInvariant()));
    }

    [Fact]
    public async Task RunAsync_SendStepInterruptedAfterIntake_DoesNotSendTwice()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync("""{"automation":{"steps":[{"action":"send","template":"welcome"}]},"profile":{"email":"ada@example.com"}}""");
        // A crash after the message was accepted but before the step was marked done: the message exists, the step is RUNNING.
        var derived = AutomationIds.ForStep(runId, 0);
        await h.Get<SendService>().AcceptAsync(
            SendRequestParser.Parse(JsonNode.Parse("""{"message":{"to":{"email":"ada@example.com"},"template":"welcome"}}""")) with { RequestId = derived });

        await h.RunJobAsync(runId);

        Assert.Equal(AutomationRunStatus.Completed, (await h.RunAsync(runId)).Run.Status);
        Assert.Equal(derived, Assert.Single(await h.MessagesAsync()).Id);
    }

    [Fact]
    public async Task RecoverAsync_ResumesDueUnheldRun_AfterItsJobWasLost()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync(DelayThenSend);
        await h.RunJobAsync(runId);
        var source = h.Get<IEnumerable<IRecoverySource>>().OfType<AutomationRecoverySource>().Single();

        Assert.Equal(0, await source.RecoverAsync(startup: true, CancellationToken.None));
        h.Engine.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, await source.RecoverAsync(startup: true, CancellationToken.None));
    }

    [Fact]
    public async Task RecoverAsync_SkipsRunHeldByALiveLease()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync(DelayThenSend);
        var leases = h.Get<AutomationRunLeases>();
        Assert.True(await leases.TakeAsync(runId, "other-job", null, CancellationToken.None));
        var source = h.Get<IEnumerable<IRecoverySource>>().OfType<AutomationRecoverySource>().Single();

        Assert.Equal(0, await source.RecoverAsync(startup: true, CancellationToken.None));
        h.Engine.Time.Advance(TimeSpan.FromMinutes(2)); // the holder died: its lease ran out
        Assert.Equal(1, await source.RecoverAsync(startup: true, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_CancelStep_StopsWaitingRunsWithTemplatedToken()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var waiting = await h.InvokeAsync("""{"automation":{"cancelation_token":"order-{{order}}","steps":[{"action":"delay","duration":"1 hour"},{"action":"send","template":"welcome"}]},"profile":{"email":"a@example.com"},"data":{"order":"42"}}""");
        await h.RunJobAsync(waiting);
        var canceler = await h.InvokeAsync("""{"automation":{"steps":[{"action":"cancel","cancelation_token":"order-{{order}}","ref":"c"}]},"data":{"order":"42"}}""");

        await h.RunJobAsync(canceler);

        var stopped = await h.RunAsync(waiting);
        Assert.Equal(AutomationRunStatus.Canceled, stopped.Run.Status);
        Assert.All(stopped.Steps, s => Assert.Equal(AutomationStepStatus.Canceled, s.Status));
        Assert.Contains("\"canceled\":1", (await h.RunAsync(canceler)).Run.RefsJson);
        h.Engine.Time.Advance(TimeSpan.FromHours(1));
        await h.RunJobAsync(waiting);
        Assert.Empty(await h.MessagesAsync());
    }

    [Fact]
    public async Task RunAsync_IfFalse_SkipsStep_AndRefsFeedLaterSteps()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync("""
            {"automation":{"steps":[
              {"action":"update-profile","profile":{"plan":"pro"},"merge":"overwrite","ref":"p"},
              {"action":"send","template":"welcome","if":"data.amount > 100"},
              {"action":"send","template":"welcome","if":"refs.p.plan === 'pro' && profile.plan === 'pro'"}]},
             "recipient":"ada","profile":{"email":"ada@example.com"},"data":{"amount":50}}
            """);

        await h.RunJobAsync(runId);

        var run = await h.RunAsync(runId);
        Assert.Equal(AutomationRunStatus.Completed, run.Run.Status);
        Assert.Equal([AutomationStepStatus.Completed, AutomationStepStatus.Skipped, AutomationStepStatus.Completed], run.Steps.Select(s => s.Status));
        Assert.Equal(AutomationIds.ForStep(runId, 2), Assert.Single(await h.MessagesAsync()).Id);
    }

    [Fact]
    public async Task RunAsync_PermanentFailure_FailsRunAtOnce()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync(FailingStep);

        await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(runId, "job-1"));

        var run = await h.RunAsync(runId);
        Assert.Equal(AutomationRunStatus.Failed, run.Run.Status);
        Assert.Contains("missing", run.Steps[0].Error);
        Assert.Equal(1, run.Steps[0].Attempts);
    }

    [Fact]
    public async Task RunAsync_FetchDataFailing_RetriesWithBackoff_ThenFails_ThenRetryCompletes()
    {
        await using var server = await FakeProviderServer.StartAsync();
        await using var h = await AutomationHarness.CreateAsync(new Dictionary<string, string?> { ["Automations:AllowPrivateAddresses"] = "true", ["Automations:StepMaxAttempts"] = "2" });
        var runId = await h.InvokeAsync("""{"automation":{"steps":[{"action":"fetch-data","webhook":{"method":"GET","url":"URL"},"merge_strategy":"overwrite"}]},"data":{"a":1}}""".Replace("URL", new Uri(server.BaseAddress, "data").ToString()));
        server.Enqueue(new FakeResponse(500, "{}"));
        server.Enqueue(new FakeResponse(503, "{}"));

        await h.RunJobAsync(runId);
        var retrying = await h.RunAsync(runId);
        Assert.Equal((AutomationRunStatus.Running, AutomationStepStatus.Pending, 1), (retrying.Run.Status, retrying.Steps[0].Status, retrying.Steps[0].Attempts));
        Assert.Contains("500", retrying.Steps[0].Error);
        h.Engine.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(runId, "job-7"));
        var failed = await h.RunAsync(runId);
        Assert.Equal((AutomationRunStatus.Failed, AutomationStepStatus.Failed, "job-7"), (failed.Run.Status, failed.Steps[0].Status, failed.Run.FailedJobId));

        server.Enqueue(new FakeResponse(200, """{"b":2}"""));
        await h.RunJobAsync(runId, "job-7"); // Hangfire's Requeue of the failed job retries the run

        var done = await h.RunAsync(runId);
        Assert.Equal(AutomationRunStatus.Completed, done.Run.Status);
        Assert.Equal(3, done.Steps[0].Attempts);
        Assert.Equal("""{"a":1,"b":2}""", done.Run.DataJson);
    }

    [Fact]
    public async Task RunAsync_FetchDataToLoopback_RefusedBySsrfGuard_WithoutRetry()
    {
        await using var server = await FakeProviderServer.StartAsync();
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync("""{"automation":{"steps":[{"action":"fetch-data","webhook":{"method":"GET","url":"URL"}}]}}""".Replace("URL", new Uri(server.BaseAddress, "data").ToString()));

        await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(runId));

        var run = await h.RunAsync(runId);
        Assert.Contains("SSRF", run.Steps[0].Error);
        Assert.Equal(1, run.Steps[0].Attempts);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task RetryAsync_OnlyFailedRuns_AndStaleJobsDoNotReopen()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync(FailingStep);
        await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(runId, "job-1"));

        await h.RunJobAsync(runId, "job-0"); // an older job of the run: leaves the failure alone
        Assert.Equal(AutomationRunStatus.Failed, (await h.RunAsync(runId)).Run.Status);

        var operations = h.Get<AutomationRunOperations>();
        Assert.Equal(MessageOperationOutcome.Done, await operations.RetryAsync(runId));
        Assert.Equal(MessageOperationOutcome.Refused, await operations.RetryAsync(runId));
        Assert.Equal(MessageOperationOutcome.NotFound, await operations.RetryAsync("nope"));
        var reopened = await h.RunAsync(runId);
        Assert.Equal((AutomationRunStatus.Running, AutomationStepStatus.Pending), (reopened.Run.Status, reopened.Steps[0].Status));
    }

    [Fact]
    public async Task BulkRetryJob_RetriesEveryFailedRunInFilter_AndRecordsProgress()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var failed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var runId = await h.InvokeAsync("""{"automation":{"steps":[{"action":"invoke","template":"missing"}]},"recipient":"bulk"}""");
            await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(runId));
            failed.Add(runId);
        }

        var other = await h.InvokeAsync("""{"automation":{"steps":[{"action":"invoke","template":"missing"}]},"recipient":"someone-else"}""");
        await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(other));

        var operation = await h.Get<AutomationBulkRetry>().StartAsync(new AutomationRunFilter(Recipient: "bulk"), "test");
        Assert.Equal(3, operation.Total);
        await h.Get<AutomationBulkRetryJob>().RunAsync(operation.Id, CancellationToken.None);

        var done = await h.Get<AutomationBulkRetry>().FindAsync(operation.Id);
        Assert.Equal((NotificationOps.Engine.Operations.BulkOperationState.Completed, 3, 3), (done!.State, done.Processed, done.Succeeded));
        foreach (var runId in failed)
        {
            Assert.Equal(AutomationRunStatus.Running, (await h.RunAsync(runId)).Run.Status);
        }

        Assert.Equal(AutomationRunStatus.Failed, (await h.RunAsync(other)).Run.Status);
    }
}
