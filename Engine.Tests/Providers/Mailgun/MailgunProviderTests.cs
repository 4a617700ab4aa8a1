using System.Text;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Mailgun;

public sealed class MailgunProviderTests
{
    [Fact]
    public async Task SendAsync_PostsMultipartToDomainMessages_WithBasicAuth()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, """{"id":"<20240101000000.1.ABC@mg.acme.test>","message":"Queued. Thank you."}""");
        var provider = ProviderTestSettings.Create("mailgun", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("mailgun"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        Assert.Equal("20240101000000.1.ABC@mg.acme.test", result.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/v3/mg.acme.test/messages"), (request.Method, request.PathAndQuery));
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"api:{ProviderTestSettings.MailgunKey}"));
        Assert.Equal(expectedAuth, request.Headers["Authorization"]);
        Assert.StartsWith("multipart/form-data", request.Headers["Content-Type"]);
        foreach (var (name, value) in new[] { ("from", "Acme <noreply@mg.acme.test>"), ("to", "jane@example.test"), ("subject", "Your sign-in code"), ("text", "Your code is 42"), ("html", "<p>Your code is <b>42</b></p>"), ($"v:{ProviderCustomArgs.MessageId}", "msg-1"), ("h:Message-Id", "<msg-1@notificationops>") })
        {
            Assert.Matches($"name=\"?{System.Text.RegularExpressions.Regex.Escape(name)}\"?\\r\\n(.*\\r\\n)*?\\r\\n{System.Text.RegularExpressions.Regex.Escape(value)}\\r\\n", request.Body);
        }

        Assert.DoesNotContain(ProviderTestSettings.MailgunKey, result.RequestSummary);
    }

    [Fact]
    public async Task BaseUri_IsEuApi_WhenRegionIsEu()
    {
        var options = new NotificationOps.Engine.Providers.Mailgun.MailgunOptions { Region = "EU" };

        Assert.Equal(new Uri("https://api.eu.mailgun.net/"), options.BaseUri);
        Assert.Equal(new Uri("https://api.mailgun.net/"), new NotificationOps.Engine.Providers.Mailgun.MailgunOptions().BaseUri);
    }

    [Fact]
    public async Task SendAsync_SendsTheMessagesExtraHeaders_AsHFields()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, """{"id":"<1@mg.acme.test>","message":"Queued."}""");
        var provider = ProviderTestSettings.Create("mailgun", fake.BaseAddress);

        await provider.SendAsync(ProviderTestSettings.Message("mailgun") with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://n.example/u/tok>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" } }, CancellationToken.None);

        var body = Assert.Single(fake.Requests).Body;
        foreach (var (name, value) in new[] { ("h:List-Unsubscribe", "<https://n.example/u/tok>"), ("h:List-Unsubscribe-Post", "List-Unsubscribe=One-Click") })
        {
            Assert.Matches($"name=\"?{System.Text.RegularExpressions.Regex.Escape(name)}\"?\\r\\n(.*\\r\\n)*?\\r\\n{System.Text.RegularExpressions.Regex.Escape(value)}\\r\\n", body);
        }
    }
}
