using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tests.Webhooks.Outbound;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Incidents;

public sealed class WebhookEndpointDisabledRuleTests
{
    [Fact]
    public void Evaluate_OneDegradedWebhooksFindingPerDisabledEndpoint_NamingOnlyItsId()
    {
        var findings = new WebhookEndpointDisabledRule().Evaluate(new HealthSnapshot { DisabledWebhookEndpoints = ["we_1", "we_2"] }, new OperationsOptions()).ToList();

        Assert.Equal(["webhooks:endpoint:we_1", "webhooks:endpoint:we_2"], findings.Select(f => f.Key));
        Assert.All(findings, f => Assert.Equal((ComponentStatus.Degraded, StatusComponents.Webhooks), (f.Status, Assert.Single(f.Components))));
        Assert.Contains("we_1", findings[0].Evidence);
        Assert.Empty(new WebhookEndpointDisabledRule().Evaluate(new HealthSnapshot(), new OperationsOptions()));
    }

    [Fact]
    public async Task EndpointDisabledAfterFiveDaysOfFailures_OpensWebhooksIncidentAndAlerts_ResolvesOnceReEnabled()
    {
        await using var fixture = await WebhookFixture.CreateAsync(settings: new() { ["Webhooks:RetrySchedule"] = "1d,1d,1d,1d,1d,1d" });
        var engine = fixture.Engine;
        await engine.Services.GetRequiredService<AlertRecipientService>().AddAsync(AlertRecipientKinds.Email, "oncall@example.com", true, true, true);
        var evaluation = engine.Services.GetRequiredService<IncidentEvaluationJob>();
        fixture.Receiver.Default = new FakeResponse(500);
        var id = (await engine.SendAsync(WebhookFixture.EmailSend)).Single();
        await engine.RunSendJobAsync(id); // delivered: only the webhook endpoint is unwell
        for (var day = 0; day < 5; day++)
        {
            await fixture.DeliverAsync();
            Assert.Empty(await evaluation.RunAsync(CancellationToken.None));
            engine.Time.Advance(TimeSpan.FromDays(1));
        }

        await fixture.DeliverAsync();
        Assert.False((await fixture.ReloadEndpointAsync()).Enabled);

        var opened = Assert.Single(await evaluation.RunAsync(CancellationToken.None));
        Assert.Equal((IncidentChangeKind.Opened, "Outbound webhook endpoint disabled"), (opened.Kind, opened.Title));
        Assert.Contains(fixture.Endpoint.Id, opened.Body);
        var status = await engine.Services.GetRequiredService<IncidentService>().GetStatusAsync();
        Assert.Equal("degraded_performance", status.Components.Single(c => c.Id == StatusComponents.Webhooks).Status);
        await using (var db = engine.CreateContext())
        {
            var alert = await db.MessageTags.Where(t => t.Tag == IncidentAlerts.Tag).Join(db.Messages, t => t.MessageId, m => m.Id, (t, m) => m).SingleAsync();
            Assert.Equal("oncall@example.com", alert.RecipientEmail);
        }

        await engine.Services.GetRequiredService<WebhookEndpointService>().UpdateAsync(fixture.Endpoint.Id, new WebhookEndpointChange { Enabled = true });
        Assert.Equal(IncidentStatus.Monitoring, Assert.Single(await evaluation.RunAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task WebhookAlertRecipient_GetsAnIncidentUpdatedEvent_AndAnUnknownEndpointIsRefused()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        var recipients = fixture.Engine.Services.GetRequiredService<AlertRecipientService>();
        var refused = await Assert.ThrowsAsync<NotificationOps.Engine.Validation.RequestValidationException>(
            () => recipients.AddAsync(AlertRecipientKinds.Webhook, "we_nope", true, true, true));
        Assert.Equal("target", refused.Field);
        await recipients.AddAsync(AlertRecipientKinds.Webhook, fixture.Endpoint.Id, true, true, true);

        var sent = await fixture.Engine.Services.GetRequiredService<IncidentAlerts>().SendAsync(
            [new IncidentChange(7, "Messages delayed", IncidentChangeKind.Opened, IncidentStatus.Investigating, "The oldest due message waited 90 s.", null)], CancellationToken.None);

        Assert.Equal(1, sent);
        var row = Assert.Single(await fixture.DeliveriesAsync());
        Assert.Equal((WebhookEvents.IncidentUpdated, fixture.Endpoint.Id), (row.EventType, row.EndpointId));
        await fixture.DeliverAsync();
        var body = System.Text.Json.JsonDocument.Parse(Assert.Single(fixture.Receiver.Requests).Body).RootElement;
        Assert.Equal(("incident:updated", "Messages delayed", "opened"),
            (body.GetProperty("type").GetString(), body.GetProperty("data").GetProperty("title").GetString(), body.GetProperty("data").GetProperty("change").GetString()));
    }
}
