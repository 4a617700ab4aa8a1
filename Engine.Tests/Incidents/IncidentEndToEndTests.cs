using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Incidents;

/// <summary>
/// The story: a provider answers 500, an incident opens by itself with the numbers and an alert goes out
/// through the pipeline; the provider recovers, the messages are delivered, the incident resolves, the history counts it.
/// </summary>
public sealed class IncidentEndToEndTests
{
    private const string EmailSend = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"},"routing":{"method":"single","channels":["email"]}}}""";

    [Fact]
    public async Task FailingProvider_OpensIncident_AlertsAndResolvesAfterRecovery()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(500, "{\"error\":\"down\"}");
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Webhooks(("hook-a", fake)));
        await engine.Services.GetRequiredService<AlertRecipientService>().AddAsync(AlertRecipientKinds.Email, "oncall@example.com", true, true, true);
        var evaluation = engine.Services.GetRequiredService<IncidentEvaluationJob>();
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.AddRange(await engine.SendAsync(EmailSend));
        }

        foreach (var id in ids)
        {
            await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));
        }

        var opened = Assert.Single(await evaluation.RunAsync(CancellationToken.None));

        Assert.Equal(IncidentChangeKind.Opened, opened.Kind);
        Assert.Equal("hook-a: 10 of 10 attempts failed in 2 min, HTTP 500.", opened.Body);
        var status = await engine.Services.GetRequiredService<IncidentService>().GetStatusAsync();
        Assert.Equal("major_outage", status.Components.Single(c => c.Id == "delivery/hook-a").Status);
        Assert.Equal("operational", status.Components.Single(c => c.Id == "api").Status);
        var incident = Assert.Single(status.Incidents);
        Assert.Equal("investigating", incident.Status);
        Assert.Equal("critical", incident.Impact);
        Assert.Contains("only email provider", incident.AlertNote);
        Assert.Equal(10, engine.Services.GetRequiredService<OperationsGauges>().Current.RetryBacklog);
        var alertId = await AlertMessageAsync(engine);
        Assert.Equal(MessageStatus.Enqueued, (await engine.MessageAsync(alertId)).Status);

        // A minute later it still fails: nothing new, and the failing minute is stored as a sample.
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await evaluation.RunAsync(CancellationToken.None));

        fake.Default = new FakeResponse(200, "{\"ok\":true}");
        engine.Time.Advance(TimeSpan.FromMinutes(2));
        foreach (var id in ids.Append(alertId))
        {
            await engine.RunSendJobAsync(id);
            Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
        }

        var monitoring = Assert.Single(await evaluation.RunAsync(CancellationToken.None));
        Assert.Equal(IncidentStatus.Monitoring, monitoring.Status);
        await DeliverPendingAlertsAsync(engine); // the job server's part: otherwise they wait, and "messages delayed" rightly trips
        engine.Time.Advance(TimeSpan.FromSeconds(300));
        var resolved = Assert.Single(await evaluation.RunAsync(CancellationToken.None));

        Assert.Equal(IncidentChangeKind.Resolved, resolved.Kind);
        var history = await engine.Services.GetRequiredService<IncidentService>().HistoryAsync(90);
        var past = Assert.Single(history.Incidents);
        Assert.Equal("resolved", past.Status);
        Assert.Equal(["resolved", "monitoring", "investigating"], past.Updates.Select(u => u.Status));
        Assert.Equal(8, history.DowntimeMinutes);
        Assert.StartsWith("1 incident in the last 90 days totaling 0 h 8 m of downtime", history.Sentence());
        await using var db = engine.CreateContext();
        Assert.Equal(3, await db.MessageTags.CountAsync(t => t.Tag == IncidentAlerts.Tag)); // opened, monitoring, resolved
        var failedMinute = await db.MetricSamples.SingleAsync(s => s.ResolutionSeconds == 60 && s.Name == MetricSeries.ErrorRate && s.Label == "hook-a");
        Assert.Equal(100, failedMinute.Value);
    }

    private static async Task DeliverPendingAlertsAsync(EngineHost engine)
    {
        await using var db = engine.CreateContext();
        var pending = await db.MessageTags.Where(t => t.Tag == IncidentAlerts.Tag)
            .Join(db.Messages.Where(m => m.Status == MessageStatus.Enqueued), t => t.MessageId, m => m.Id, (t, m) => m.Id)
            .ToListAsync();
        Assert.NotEmpty(pending);
        foreach (var id in pending)
        {
            await engine.RunSendJobAsync(id);
        }
    }

    private static async Task<string> AlertMessageAsync(EngineHost engine)
    {
        await using var db = engine.CreateContext();
        return await db.MessageTags.Where(t => t.Tag == IncidentAlerts.Tag).Select(t => t.MessageId).SingleAsync();
    }
}
