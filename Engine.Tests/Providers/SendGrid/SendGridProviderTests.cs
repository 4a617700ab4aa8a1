using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.SendGrid;

public sealed class SendGridProviderTests
{
    [Fact]
    public async Task SendAsync_PostsMailSend_WithBearerKeyAndV3Body()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(202, "", new Dictionary<string, string> { ["X-Message-Id"] = "sg-abc123" });
        var provider = ProviderTestSettings.Create("sendgrid", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("sendgrid"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        Assert.Equal("sg-abc123", result.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.PathAndQuery);
        Assert.Equal($"Bearer {ProviderTestSettings.SendGridKey}", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("jane@example.test", body["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>());
        Assert.Equal("noreply@acme.test", body["from"]!["email"]!.GetValue<string>());
        Assert.Equal("Acme", body["from"]!["name"]!.GetValue<string>());
        Assert.Equal("Your sign-in code", body["subject"]!.GetValue<string>());
        Assert.Equal("text/plain", body["content"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("text/html", body["content"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("msg-1", body["custom_args"]![ProviderCustomArgs.MessageId]!.GetValue<string>());
        Assert.Equal("<msg-1@notificationops>", body["headers"]!["Message-ID"]!.GetValue<string>());
        Assert.DoesNotContain(ProviderTestSettings.SendGridKey, result.RequestSummary);
        Assert.Contains("Authorization: [redacted]", result.RequestSummary);
        Assert.Contains("\"custom_args\"", result.RequestSummary);
    }

    [Fact]
    public async Task SendAsync_IsPermanent_OnBadRequest()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(400, """{"errors":[{"message":"The from email does not contain a valid address.","field":"from.email"}]}""");
        var provider = ProviderTestSettings.Create("sendgrid", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("sendgrid"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(400, result.ResponseStatus);
        Assert.Contains("from.email", result.ResponseBody);
    }

    [Fact]
    public async Task SendAsync_SendsTheMessagesExtraHeaders_BesideMessageId()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(202, "");
        var provider = ProviderTestSettings.Create("sendgrid", fake.BaseAddress);

        await provider.SendAsync(ProviderTestSettings.Message("sendgrid") with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://n.example/u/tok>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" } }, CancellationToken.None);

        var headers = JsonNode.Parse(Assert.Single(fake.Requests).Body)!["headers"]!;
        Assert.Equal("<https://n.example/u/tok>", headers["List-Unsubscribe"]!.GetValue<string>());
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]!.GetValue<string>());
        Assert.Equal("<msg-1@notificationops>", headers["Message-ID"]!.GetValue<string>());
    }
}
