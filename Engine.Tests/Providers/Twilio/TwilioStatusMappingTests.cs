using NotificationOps.Engine.Providers.Twilio;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Twilio;

/// <summary>Every Twilio Message status, as a StatusCallback posts it.</summary>
public sealed class TwilioStatusMappingTests
{
    public static TheoryData<string, string> Statuses => new()
    {
        { "accepted", "SENT" }, { "queued", "SENT" }, { "sending", "SENT" }, { "sent", "SENT" },
        { "delivered", "DELIVERED" }, { "undelivered", "UNDELIVERABLE (BOUNCED)" }, { "failed", "UNDELIVERABLE (FAILED)" },
        { "read", "OPENED" }, { "canceled", "UNDELIVERABLE (FAILED)" }, { "scheduled", "history only, status stays" },
        { "partially_delivered", "history only, status stays" }, { "receiving", "history only, status stays" }, { "received", "history only, status stays" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Table_MapsStatusCallback(string status, string weShow)
    {
        var (body, _) = TwilioWebhookTests.Callback("t", ("MessageStatus", status));

        var e = Assert.Single(new TwilioWebhook().Parse(new WebhookRequest(body, new Dictionary<string, string>(), "application/x-www-form-urlencoded") { PublicUrl = new Uri("https://x.test/") }));

        Assert.Equal(status, e.ProviderStatus);
        Assert.Equal("SM1234567890abcdef1234567890abcdef", e.ProviderMessageId);
        Assert.Equal(weShow, TwilioStatusMapping.Table.Find(e.ProviderStatus)?.WeShow);
    }

    [Fact]
    public void Table_HasAFixtureForEveryRow() =>
        Assert.Equal(TwilioStatusMapping.Table.Rules.Select(r => r.ProviderStatus).Order(), Statuses.Select(s => (string)s[0]).Order());
}
