using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Teams;

public sealed class TeamsProviderTests
{
    [Fact]
    public async Task SendAsync_PostsAdaptiveCard_AndSuccessIsDelivered()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, "1");
        var provider = ProviderTestSettings.Create("teams", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("teams"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Delivered, result.Outcome);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/" + ProviderTestSettings.TeamsWebhookPath), (request.Method, request.PathAndQuery));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", attachment["content"]!["type"]!.GetValue<string>());
        Assert.Equal("Your sign-in code", attachment["content"]!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Your code is 42", attachment["content"]!["body"]![1]!["text"]!.GetValue<string>());
        Assert.DoesNotContain("secret-teams-path", result.RequestSummary);
    }

    [Fact]
    public async Task SendAsync_IsTransient_WhenConnectorReports429InA200()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, "Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-canary-eus2-0,cv=deadbeef.");
        var provider = ProviderTestSettings.Create("teams", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("teams"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.TransientFailure, result.Outcome);
        Assert.Equal(ErrorClasses.RateLimited, result.ErrorClass);
    }
}
