using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Incidents;

/// <summary>
/// Issue 18 item 4: an alert is never blocked by the failure it reports. The failing provider answers with transient
/// errors, which retry on that same provider; an alert routed the usual way would wait behind them until it recovers.
/// </summary>
public sealed class IncidentAlertRoutingTests
{
    private static readonly Dictionary<string, string?> TwoSimulatedEmailProviders = new()
    {
        ["Providers:hook-a:Type"] = "simulated",
        ["Providers:hook-a:Channel"] = "email",
        ["Providers:hook-b:Type"] = "simulated",
        ["Providers:hook-b:Channel"] = "email",
    };

    private const string EmailSend = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"},"routing":{"method":"single","channels":["email"]}}}""";

    [Fact]
    public async Task Alert_AboutAFailingProvider_GoesThroughAHealthyProviderOfItsChannel()
    {
        await using var failing = await FakeProviderServer.StartAsync();
        failing.Default = new FakeResponse(500, "{\"error\":\"down\"}");
        await using var healthy = await FakeProviderServer.StartAsync();
        healthy.Default = new FakeResponse(200, "{\"ok\":true}");
        await using var engine = await EngineHost.CreateAsync(SendJobTests.Webhooks(("hook-a", failing), ("hook-b", healthy)));
        await engine.Services.GetRequiredService<AlertRecipientService>().AddAsync(AlertRecipientKinds.Email, "oncall@example.com", true, true, true);
        for (var i = 0; i < 10; i++)
        {
            foreach (var id in await engine.SendAsync(EmailSend))
            {
                await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));
            }
        }

        var opened = Assert.Single(await engine.Services.GetRequiredService<IncidentEvaluationJob>().RunAsync(CancellationToken.None));

        Assert.Equal(["hook-a"], opened.FailingProviders);
        Assert.Null(opened.AlertNote);
        string alertId;
        await using (var db = engine.CreateContext())
        {
            alertId = await db.MessageTags.Where(t => t.Tag == IncidentAlerts.Tag).Select(t => t.MessageId).SingleAsync();
        }

        var failingCalls = failing.Requests.Count;
        await engine.RunSendJobAsync(alertId);

        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(alertId)).Status);
        Assert.Equal(["hook-b"], (await engine.AttemptsAsync(alertId)).Select(a => a.Provider));
        Assert.Equal(failingCalls, failing.Requests.Count);
        Assert.Contains("Incident opened", Assert.Single(healthy.Requests).Body);
    }

    [Fact]
    public async Task Body_EveryProviderOfTheChannelFailing_RoutesTheUsualWay()
    {
        var change = new IncidentChange(3, "Email delivery down", IncidentChangeKind.Opened, IncidentStatus.Investigating, "Down.", "Every email provider is failing.")
        {
            FailingProviders = ["hook-a", "hook-b"],
        };
        var recipient = new AlertRecipient { Kind = AlertRecipientKinds.Email, Target = "oncall@example.com" };

        await using var engine = await EngineHost.CreateAsync(TwoSimulatedEmailProviders);

        var body = IncidentAlerts.Body(change, recipient, engine.Services.GetRequiredService<ProviderRegistry>());

        Assert.Null(body["message"]!["channels"]);
        Assert.Contains("Every email provider is failing.", body["message"]!["content"]!["body"]!.GetValue<string>());
    }
}
