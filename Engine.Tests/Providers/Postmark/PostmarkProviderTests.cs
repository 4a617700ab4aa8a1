using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Postmark;

public sealed class PostmarkProviderTests
{
    [Fact]
    public async Task SendAsync_PostsEmail_WithServerTokenHeaderAndMetadata()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, """{"To":"jane@example.test","SubmittedAt":"2024-01-01T00:00:00Z","MessageID":"b7bc2f4a-e38e-4336-af7d-e6c392c2f817","ErrorCode":0,"Message":"OK"}""");
        var provider = ProviderTestSettings.Create("postmark", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("postmark"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        Assert.Equal("b7bc2f4a-e38e-4336-af7d-e6c392c2f817", result.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/email"), (request.Method, request.PathAndQuery));
        Assert.Equal(ProviderTestSettings.PostmarkToken, request.Headers["X-Postmark-Server-Token"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("Acme <noreply@acme.test>", body["From"]!.GetValue<string>());
        Assert.Equal("jane@example.test", body["To"]!.GetValue<string>());
        Assert.Equal("Your sign-in code", body["Subject"]!.GetValue<string>());
        Assert.Equal("<p>Your code is <b>42</b></p>", body["HtmlBody"]!.GetValue<string>());
        Assert.Equal("Your code is 42", body["TextBody"]!.GetValue<string>());
        Assert.Equal("outbound", body["MessageStream"]!.GetValue<string>());
        Assert.Equal("msg-1", body["Metadata"]![ProviderCustomArgs.MessageId]!.GetValue<string>());
        Assert.DoesNotContain(ProviderTestSettings.PostmarkToken, result.RequestSummary);
    }

    [Theory]
    [InlineData(422, """{"ErrorCode":406,"Message":"You tried to send to a recipient that has been marked as inactive."}""")]
    [InlineData(406, """{"ErrorCode":406,"Message":"Inactive recipient"}""")]
    [InlineData(401, """{"ErrorCode":10,"Message":"No Account or Server API tokens were supplied in the HTTP headers."}""")]
    public async Task SendAsync_IsPermanent_OnDocumentedRejections(int status, string body)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(status, body);
        var provider = ProviderTestSettings.Create("postmark", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("postmark"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(status, result.ResponseStatus);
    }

    [Fact]
    public async Task SendAsync_SendsTheMessagesExtraHeaders_BesideMessageId()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, """{"MessageID":"b7bc2f4a","ErrorCode":0,"Message":"OK"}""");
        var provider = ProviderTestSettings.Create("postmark", fake.BaseAddress);

        await provider.SendAsync(ProviderTestSettings.Message("postmark") with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://n.example/u/tok>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" } }, CancellationToken.None);

        var headers = JsonNode.Parse(Assert.Single(fake.Requests).Body)!["Headers"]!.AsArray()
            .ToDictionary(h => h!["Name"]!.GetValue<string>(), h => h!["Value"]!.GetValue<string>());
        Assert.Equal("<https://n.example/u/tok>", headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);
        Assert.Equal("<msg-1@notificationops>", headers["Message-ID"]);
    }
}
