using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Validation;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookRunEventsTests
{
    private const string DelayThenUpdate = """
        {"automation":{"steps":[{"action":"delay","duration":"5 minutes"},{"action":"update-profile","profile":{"vip":true}}]},"recipient":"ada"}
        """;

    [Fact]
    public async Task RunStatusChanges_WriteOneRunUpdatedRowEach_WithTheRunAsTheApiAnswersIt()
    {
        await using var fixture = await WebhookFixture.CreateAsync([WebhookEvents.RunUpdated]);
        var runId = await InvokeAsync(fixture, DelayThenUpdate);
        await RunJobAsync(fixture, runId);
        fixture.Engine.Time.Advance(TimeSpan.FromMinutes(5));
        await RunJobAsync(fixture, runId);

        var rows = await fixture.DeliveriesAsync();
        Assert.Equal(["RUNNING", "WAITING", "RUNNING", "COMPLETED"], rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Equal((WebhookEvents.RunUpdated, (string?)null), (r.EventType, r.MessageId)));

        Assert.Equal(4, await fixture.DeliverAsync());
        var bodies = fixture.Receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(bodies, b => Assert.Equal(WebhookEvents.RunUpdated, b.GetProperty("type").GetString()));
        var waiting = bodies.Single(b => b.GetProperty("data").GetProperty("status").GetString() == "WAITING").GetProperty("data");
        Assert.Equal(runId, waiting.GetProperty("id").GetString());
        Assert.Equal("WAITING", waiting.GetProperty("steps")[0].GetProperty("status").GetString());
        var completed = bodies.Single(b => b.GetProperty("data").GetProperty("status").GetString() == "COMPLETED").GetProperty("data");
        Assert.Equal(2, completed.GetProperty("steps").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, completed.GetProperty("finished_at").ValueKind);
    }

    [Fact]
    public async Task CancelFailAndRetry_AreAnnounced_AndEndpointsNotSubscribingGetNone()
    {
        await using var fixture = await WebhookFixture.CreateAsync([WebhookEvents.RunUpdated]);
        var operations = fixture.Engine.Services.GetRequiredService<AutomationRunOperations>();
        var waiting = await InvokeAsync(fixture, DelayThenUpdate);
        await RunJobAsync(fixture, waiting);
        await operations.CancelAsync(waiting);
        var failing = await InvokeAsync(fixture, """{"automation":{"steps":[{"action":"invoke","template":"missing"}]}}""");
        await Assert.ThrowsAsync<AutomationRunFailedException>(() => RunJobAsync(fixture, failing));
        await operations.RetryAsync(failing);

        var rows = await fixture.DeliveriesAsync();
        Assert.Equal(["RUNNING", "WAITING", "CANCELED", "RUNNING", "FAILED", "RUNNING"], rows.Select(r => r.Status));
        Assert.Contains(failing, rows[4].Payload);

        await using var messagesOnly = await WebhookFixture.CreateAsync();
        await InvokeAsync(messagesOnly, DelayThenUpdate);
        Assert.Empty(await messagesOnly.DeliveriesAsync());
    }

    [Fact]
    public async Task CreateAsync_AudienceCalculated_IsStillRefusedNamingEvents()
    {
        await using var fixture = await WebhookFixture.CreateAsync([WebhookEvents.RunUpdated, MessageChange.Updated]);
        var endpoints = fixture.Engine.Services.GetRequiredService<WebhookEndpointService>();

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => endpoints.CreateAsync(new WebhookEndpointChange
        {
            Url = fixture.Endpoint.Url,
            Events = ["audience:calculated"],
        }));

        Assert.Equal("events", refused.Field);
        Assert.Contains(WebhookEvents.RunUpdated, fixture.Endpoint.Events);
    }

    private static Task<string> InvokeAsync(WebhookFixture fixture, string json) =>
        fixture.Engine.Services.GetRequiredService<AutomationInvoker>().StartAsync(AutomationInvokeParser.ParseAdHoc(JsonNode.Parse(json)));

    private static Task RunJobAsync(WebhookFixture fixture, string runId) =>
        fixture.Engine.Services.GetRequiredService<AutomationRunner>().RunAsync(runId, "job-1", CancellationToken.None);
}
