using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Tests.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Incidents;

/// <summary>The alerts about an incident are findable: messages by its tag in the event log, webhook deliveries counted with them.</summary>
public sealed class IncidentAlertsSentTests
{
    [Fact]
    public async Task SentAsync_MessageAndWebhookAlerts_CountedPerIncident()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        var recipients = fixture.Engine.Services.GetRequiredService<AlertRecipientService>();
        await recipients.AddAsync(AlertRecipientKinds.Email, "oncall@example.com", true, true, true);
        await recipients.AddAsync(AlertRecipientKinds.Webhook, fixture.Endpoint.Id, true, true, true);
        var alerts = fixture.Engine.Services.GetRequiredService<IncidentAlerts>();

        Assert.Equal(2, await alerts.SendAsync(
            [new IncidentChange(7, "Messages delayed", IncidentChangeKind.Opened, IncidentStatus.Investigating, "The oldest due message waited 90 s.", null)], CancellationToken.None));
        await fixture.DeliverAsync();

        var sent = await alerts.SentAsync([7, 8]);
        Assert.Equal(new AlertsSent("incident-7", 1, 1, 1, 0), Assert.Single(sent).Value);
        Assert.False(sent.ContainsKey(8));
        await using var db = fixture.Engine.CreateContext();
        var tags = await db.MessageTags.Select(t => t.Tag).OrderBy(t => t).ToListAsync();
        Assert.Equal([IncidentAlerts.IncidentTag(7), IncidentAlerts.Tag], tags);
    }
}
