using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Messages;

public sealed class MessageDetailsQueryTests
{
    private static readonly Dictionary<string, string?> SimulatedEmail = new()
    {
        ["Providers:sim-email:Type"] = "simulated",
        ["Providers:sim-email:Channel"] = "email",
        ["Providers:sim-email:DeliveryDelayMs"] = "0",
    };

    [Fact]
    public async Task GetAsync_ReturnsHistoryAttemptsOutputAndProfile_ForDeliveredMessage()
    {
        await using var engine = await EngineHost.CreateAsync(SimulatedEmail);
        await engine.Services.GetRequiredService<ProfileService>().MergeAsync("ada", new JsonObject
        {
            ["email"] = "ada@example.com",
            ["name"] = "Ada Lovelace",
        });
        var id = (await engine.SendAsync("""{"message":{"to":{"user_id":"ada"},"content":{"title":"Hi {{profile.name}}","body":"Hello **there**"},"metadata":{"tags":["welcome"]}}}""")).Single();
        await engine.RunSendJobAsync(id);

        var details = await engine.Services.GetRequiredService<MessageDetailsQuery>().GetAsync(id);

        Assert.NotNull(details);
        Assert.Equal(MessageStatus.Delivered, details.Message.Status);
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], details.History.Select(e => e.Type));
        var attempt = Assert.Single(details.Attempts);
        Assert.Equal("sim-email", attempt.Provider);
        Assert.Equal(202, attempt.ResponseStatus);
        Assert.Contains("\"simulated\":true", attempt.ResponseBody);
        Assert.StartsWith("SIMULATED email to ada@example.com", attempt.RequestSummary);
        Assert.NotNull(details.Output);
        Assert.Equal("email", details.Output.Channel);
        Assert.Equal("Hi Ada Lovelace", details.Output.Title);
        Assert.Contains("<strong>there</strong>", details.Output.Html);
        Assert.Equal("Hello there", details.Output.Text);
        Assert.Equal("Ada Lovelace", JsonNode.Parse(details.ProfileJson!)!["name"]!.GetValue<string>());
        Assert.Equal("ada", JsonNode.Parse(details.RecipientJson!)!["user_id"]!.GetValue<string>());
        Assert.True(details.ProviderIsSimulated);
        Assert.True(details.IsSettled);
        Assert.True(details.CanResend);
        Assert.False(details.CanRetry);
        Assert.False(details.CanCancel);
    }

    [Fact]
    public async Task GetAsync_ReportsRetryMetadata_WhileRetryIsPending()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(503, "{\"error\":\"maintenance\"}");
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:hook:Type"] = "webhook",
            ["Providers:hook:Channel"] = "email",
            ["Providers:hook:Url"] = new Uri(fake.BaseAddress, "/deliver").ToString(),
        });
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"bob@example.com"},"content":{"body":"hi"}}}""")).Single();
        var retry = await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        var details = await engine.Services.GetRequiredService<MessageDetailsQuery>().GetAsync(id);

        Assert.NotNull(details);
        Assert.Equal(MessageStatus.Enqueued, details.Message.Status);
        Assert.Equal(1, details.AttemptCount);
        Assert.Equal(retry.RetryAt, details.NextAttemptAt);
        Assert.NotNull(details.RetryBudgetUntil);
        Assert.True(details.RetryBudgetUntil > details.NextAttemptAt);
        Assert.True(details.RetryPending);
        Assert.True(details.CanRetry);
        Assert.True(details.CanCancel);
        Assert.False(details.CanResend);
        Assert.False(details.IsSettled);
        Assert.False(details.ProviderIsSimulated);
        Assert.Null(details.ProfileJson);
        var attempt = Assert.Single(details.Attempts);
        Assert.Equal(503, attempt.ResponseStatus);
        Assert.Contains("maintenance", attempt.ResponseBody);
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_ForUnknownId()
    {
        await using var engine = await EngineHost.CreateAsync(SimulatedEmail);

        Assert.Null(await engine.Services.GetRequiredService<MessageDetailsQuery>().GetAsync("no-such-message"));
    }
}
