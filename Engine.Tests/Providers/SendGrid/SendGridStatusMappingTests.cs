using NotificationOps.Engine.Providers.SendGrid;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.SendGrid;

/// <summary>Every SendGrid event, in the shape of SendGrid's Event Webhook reference examples.</summary>
public sealed class SendGridStatusMappingTests
{
    private const string Common = "\"email\":\"example@test.com\",\"timestamp\":1513299569,\"smtp-id\":\"<14c5d75ce93.dfd.64b469@ismtpd-555>\",\"category\":\"cat facts\",\"sg_event_id\":\"sg_event_id\",\"sg_message_id\":\"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0\",\"notificationops_id\":\"m1\"";

    private static readonly MappingFixture[] All =
    [
        new MappingFixture($"[{{{Common},\"event\":\"processed\"}}]", "processed", "SENT"),
        new MappingFixture($"[{{{Common},\"event\":\"deferred\",\"response\":\"400 try again later\",\"attempt\":\"5\"}}]", "deferred", "history only, status stays"),
        new MappingFixture($"[{{{Common},\"event\":\"delivered\",\"response\":\"250 OK\"}}]", "delivered", "DELIVERED"),
        new MappingFixture($"[{{{Common},\"event\":\"open\",\"useragent\":\"Mozilla/4.0\",\"ip\":\"255.255.255.255\"}}]", "open", "OPENED"),
        new MappingFixture($"[{{{Common},\"event\":\"click\",\"useragent\":\"Mozilla/4.0\",\"ip\":\"255.255.255.255\",\"url\":\"http://www.sendgrid.com/\"}}]", "click", "CLICKED"),
        new MappingFixture($"[{{{Common},\"event\":\"bounce\",\"reason\":\"500 unknown recipient\",\"status\":\"5.0.0\",\"type\":\"bounce\"}}]", "bounce/bounce", "UNDELIVERABLE (BOUNCED)"),
        new MappingFixture($"[{{{Common},\"event\":\"bounce\",\"reason\":\"500 blocked\",\"status\":\"5.0.0\",\"type\":\"blocked\"}}]", "bounce/blocked", "UNDELIVERABLE (BOUNCED)"),
        new MappingFixture($"[{{{Common},\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"status\":\"5.0.0\"}}]", "dropped", "UNDELIVERABLE (FILTERED)"),
        new MappingFixture($"[{{{Common},\"event\":\"spamreport\"}}]", "spamreport", "history only, status stays"),
        new MappingFixture($"[{{{Common},\"event\":\"unsubscribe\"}}]", "unsubscribe", "history only, status stays"),
        new MappingFixture($"[{{{Common},\"event\":\"group_unsubscribe\",\"asm_group_id\":10}}]", "group_unsubscribe", "history only, status stays"),
        new MappingFixture($"[{{{Common},\"event\":\"group_resubscribe\",\"asm_group_id\":10}}]", "group_resubscribe", "history only, status stays")
    ];

    public static TheoryData<MappingFixture> Fixtures => new(All);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Table_MapsDocumentedPayload(MappingFixture fixture)
    {
        var e = Assert.Single(new SendGridWebhook().Parse(new WebhookRequest(fixture.Body, new Dictionary<string, string>(), "application/json") { PublicUrl = new Uri("https://x.test/") }));

        Assert.Equal(fixture.ProviderStatus, e.ProviderStatus);
        Assert.Equal("m1", e.MessageId);
        Assert.Equal("14c5d75ce93", e.ProviderMessageId);
        Assert.Equal(fixture.WeShow, SendGridStatusMapping.Table.Find(e.ProviderStatus)?.WeShow);
    }

    [Fact]
    public void Table_HasAFixtureForEveryRow() =>
        Assert.Equal(SendGridStatusMapping.Table.Rules.Select(r => r.ProviderStatus).Order(), All.Select(f => f.ProviderStatus).Order());
}
