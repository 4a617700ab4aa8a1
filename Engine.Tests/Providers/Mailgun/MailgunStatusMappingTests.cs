using NotificationOps.Engine.Providers.Mailgun;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Mailgun;

/// <summary>Every Mailgun event, in the shape of Mailgun's webhook examples (event-data).</summary>
public sealed class MailgunStatusMappingTests
{
    private static readonly MappingFixture[] All =
    [
        new MappingFixture(Body("accepted"), "accepted", "SENT"),
        new MappingFixture(Body("rejected"), "rejected", "UNDELIVERABLE (FAILED)"),
        new MappingFixture(Body("delivered"), "delivered", "DELIVERED"),
        new MappingFixture(Body("failed", "permanent"), "failed/permanent", "UNDELIVERABLE (BOUNCED)"),
        new MappingFixture(Body("failed", "temporary"), "failed/temporary", "history only, status stays"),
        new MappingFixture(Body("opened"), "opened", "OPENED"),
        new MappingFixture(Body("clicked"), "clicked", "CLICKED"),
        new MappingFixture(Body("unsubscribed"), "unsubscribed", "history only, status stays"),
        new MappingFixture(Body("complained"), "complained", "history only, status stays"),
        new MappingFixture(Body("stored"), "stored", "history only, status stays"),
        new MappingFixture(Body("list_member_uploaded"), "list_member_uploaded", "history only, status stays"),
        new MappingFixture(Body("list_uploaded"), "list_uploaded", "history only, status stays")
    ];

    public static TheoryData<MappingFixture> Fixtures => new(All);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Table_MapsDocumentedPayload(MappingFixture fixture)
    {
        var e = Assert.Single(new MailgunWebhook().Parse(new WebhookRequest(fixture.Body, new Dictionary<string, string>(), "application/json") { PublicUrl = new Uri("https://x.test/") }));

        Assert.Equal(fixture.ProviderStatus, e.ProviderStatus);
        Assert.Equal("m1", e.MessageId);
        Assert.Equal("20130503182626.18666.16540@sandbox.mailgun.org", e.ProviderMessageId);
        Assert.Equal(fixture.WeShow, MailgunStatusMapping.Table.Find(e.ProviderStatus)?.WeShow);
    }

    [Fact]
    public void Table_HasAFixtureForEveryRow() =>
        Assert.Equal(MailgunStatusMapping.Table.Rules.Select(r => r.ProviderStatus).Order(), All.Select(f => f.ProviderStatus).Order());

    private static string Body(string name, string? severity = null) =>
        MailgunWebhookTests.Signed("k", "t", DateTimeOffset.UnixEpoch, MailgunWebhookTests.Event("m1", name, severity));
}
