using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Slack;

public sealed class SlackProviderTests
{
    [Fact]
    public async Task SendAsync_PostsChatPostMessage_WithBotToken_AndOkIsDelivered()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, """{"ok":true,"channel":"C0123","ts":"1503435956.000247","message":{"text":"Here's a message for you"}}""");
        var provider = ProviderTestSettings.Create("slack", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("slack"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Delivered, result.Outcome);
        Assert.Equal("C0123/1503435956.000247", result.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/chat.postMessage"), (request.Method, request.PathAndQuery));
        Assert.Equal($"Bearer {ProviderTestSettings.SlackToken}", request.Headers["Authorization"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("C0123", body["channel"]!.GetValue<string>());
        Assert.Equal("*Your sign-in code*\nYour code is 42", body["text"]!.GetValue<string>());
        Assert.DoesNotContain(ProviderTestSettings.SlackToken, result.RequestSummary);
    }

    [Theory]
    [InlineData("channel_not_found", ProviderOutcome.PermanentFailure, "permanent")]
    [InlineData("not_in_channel", ProviderOutcome.PermanentFailure, "permanent")]
    [InlineData("invalid_auth", ProviderOutcome.PermanentFailure, "permanent")]
    [InlineData("internal_error", ProviderOutcome.TransientFailure, "transient")]
    [InlineData("ratelimited", ProviderOutcome.TransientFailure, "rate_limited")]
    [InlineData("some_future_error", ProviderOutcome.PermanentFailure, "permanent")]
    public async Task SendAsync_ClassifiesOkFalse_ByErrorWord(string error, ProviderOutcome outcome, string errorClass)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, $$"""{"ok":false,"error":"{{error}}"}""");
        var provider = ProviderTestSettings.Create("slack", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("slack"), CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(errorClass, result.ErrorClass);
        Assert.Contains(error, result.Error);
        Assert.Equal(200, result.ResponseStatus);
    }

    [Fact]
    public async Task SendAsync_PostsToIncomingWebhook_AndHidesItsPath()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, "ok");
        var provider = ProviderTestSettings.Create("slack-webhook", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("slack-webhook"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Delivered, result.Outcome);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("/" + ProviderTestSettings.SlackWebhookPath, request.PathAndQuery);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal("*Your sign-in code*\nYour code is 42", JsonNode.Parse(request.Body)!["text"]!.GetValue<string>());
        Assert.DoesNotContain("secretwebhookpath", result.RequestSummary);
    }

    [Fact]
    public async Task SendAsync_IncomingWebhook404_IsPermanent()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(404, "no_service");
        var provider = ProviderTestSettings.Create("slack-webhook", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("slack-webhook"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("no_service", result.Error);
    }

    [Fact]
    public async Task SendAsync_PostsToDefaultChannel_WhenTheRecipientNamesOnlyAWebhook()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, """{"ok":true,"channel":"C999","ts":"1.2"}""");
        var provider = ProviderTestSettings.Create("slack", fake.BaseAddress, configure: values => values["Providers:p1:DefaultChannel"] = "#alerts");

        await provider.SendAsync(ProviderTestSettings.Message("slack") with { To = "https://hooks.slack.com/services/T/B/X" }, CancellationToken.None);

        Assert.Equal("#alerts", JsonNode.Parse(Assert.Single(fake.Requests).Body)!["channel"]!.GetValue<string>());
    }
}
