using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers.Simulated;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

public sealed class SendJobTests
{
    private const string EmailSend = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi {{name}}","body":"Hello **{{name}}**"},"data":{"name":"Ada"},"routing":{"method":"single","channels":["email"]}}}""";

    [Fact]
    public async Task RunAsync_Simulated_SendsThenReceiptDelivers()
    {
        await using var engine = await EngineHost.CreateAsync(Simulated());
        var id = (await engine.SendAsync(EmailSend)).Single();

        await engine.RunSendJobAsync(id);

        var sent = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Equal("sim-email", sent.Provider);
        Assert.Null(sent.NextAttemptAt);
        Assert.Null(sent.LeaseUntil);
        var output = JsonDocument.Parse(sent.OutputJson!).RootElement;
        Assert.Contains("Hello <strong>Ada</strong>", output.GetProperty("html").GetString());
        Assert.Equal("Hi Ada", output.GetProperty("title").GetString());
        Assert.Equal("Hello Ada", output.GetProperty("text").GetString());

        await engine.Services.GetRequiredService<SimulatedReceiptJob>().RunAsync(id, sent.ProviderMessageId!, CancellationToken.None);

        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], (await engine.HistoryAsync(id)).Select(e => e.Type));
        var attempt = Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal(AttemptOutcome.Accepted, attempt.Outcome);
        Assert.NotNull(attempt.FinishedAt);
    }

    [Fact]
    public async Task RunAsync_SimulatedWithoutDelay_WritesSentAndDeliveredAtOnce()
    {
        await using var engine = await EngineHost.CreateAsync(Simulated(deliveryDelayMs: 0));
        var id = (await engine.SendAsync(EmailSend)).Single();

        await engine.RunSendJobAsync(id);

        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
        var history = await engine.HistoryAsync(id);
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], history.Select(e => e.Type));
        Assert.Equal(MessageEventSources.Provider, history[2].Source);
    }

    [Fact]
    public async Task RunAsync_HonoursRetryAfter_On429_ThenSucceeds()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Enqueue(new FakeResponse(429, "{\"error\":\"slow down\"}", new Dictionary<string, string> { ["Retry-After"] = "120" }));
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", fake)));
        var id = (await engine.SendAsync(EmailSend)).Single();
        var start = engine.Time.GetUtcNow();

        var retry = await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        Assert.True(retry.RetryAt >= start.AddSeconds(120), $"retry at {retry.RetryAt:O} is earlier than Retry-After");
        var waiting = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Enqueued, waiting.Status);
        Assert.Equal(retry.RetryAt, waiting.NextAttemptAt);
        Assert.Equal(1, waiting.AttemptCount);
        Assert.Contains("HTTP 429", waiting.Error);
        var attempt = Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal(AttemptOutcome.TransientFailure, attempt.Outcome);
        Assert.Equal("rate_limited", attempt.ErrorClass);
        Assert.Equal(429, attempt.ResponseStatus);
        Assert.Contains("slow down", attempt.ResponseBody);
        Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.RetryScheduled && e.Detail!.Contains("Retry-After 120 s"));

        engine.Time.Advance(TimeSpan.FromSeconds(121));
        await engine.RunSendJobAsync(id);

        var delivered = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        Assert.Equal(2, delivered.AttemptCount);
        Assert.Null(delivered.NextAttemptAt);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_ServerErrorThenSuccess_RetriesAndDelivers()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Enqueue(new FakeResponse(500, "{\"error\":\"boom\"}"));
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", fake)));
        var id = (await engine.SendAsync(EmailSend)).Single();

        await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));
        await engine.RunSendJobAsync(id); // Hangfire's retry (or a requeue) runs the job again

        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
        var attempts = await engine.AttemptsAsync(id);
        Assert.Equal([AttemptOutcome.TransientFailure, AttemptOutcome.Accepted], attempts.Select(a => a.Outcome));
        Assert.Equal(500, attempts[0].ResponseStatus);
    }

    [Fact]
    public async Task RunAsync_Timeout_IsTransient()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Enqueue(new FakeResponse(200) { Delay = TimeSpan.FromSeconds(20) });
        var settings = Webhooks(("hook-a", fake));
        settings["Delivery:AttemptTimeoutSeconds"] = "1";
        await using var engine = await EngineHost.CreateAsync(settings);
        var id = (await engine.SendAsync(EmailSend)).Single();

        await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        var attempt = Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal("timeout", attempt.ErrorClass);
        Assert.Equal(MessageStatus.Enqueued, (await engine.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task RunAsync_ConnectionRefused_IsTransient()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var settings = new Dictionary<string, string?>
        {
            ["Providers:hook-a:Type"] = "webhook",
            ["Providers:hook-a:Channel"] = "email",
            ["Providers:hook-a:Url"] = $"http://127.0.0.1:{port}/send",
        };
        await using var engine = await EngineHost.CreateAsync(settings);
        var id = (await engine.SendAsync(EmailSend)).Single();

        await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        Assert.Equal("connection", Assert.Single(await engine.AttemptsAsync(id)).ErrorClass);
    }

    [Fact]
    public async Task RunAsync_PermanentError_FailsOverToSecondProvider()
    {
        await using var first = await FakeProviderServer.StartAsync();
        await using var second = await FakeProviderServer.StartAsync();
        first.Default = new FakeResponse(400, "{\"error\":\"invalid recipient\"}");
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", first), ("hook-b", second)));
        var id = (await engine.SendAsync(EmailSend)).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal("hook-b", message.Provider);
        var attempts = await engine.AttemptsAsync(id);
        Assert.Equal(["hook-a", "hook-b"], attempts.Select(a => a.Provider));
        Assert.Equal(AttemptOutcome.PermanentFailure, attempts[0].Outcome);
        Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.Failover && e.Detail!.Contains("Trying hook-b"));
    }

    [Fact]
    public async Task RunAsync_AllProvidersPermanent_IsUndeliverable_ThenManualRetrySucceeds()
    {
        await using var first = await FakeProviderServer.StartAsync();
        await using var second = await FakeProviderServer.StartAsync();
        first.Default = new FakeResponse(400, "{\"error\":\"invalid\"}");
        second.Enqueue(new FakeResponse(422, "{\"error\":\"rejected\"}"));
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", first), ("hook-b", second)));
        var id = (await engine.SendAsync(EmailSend)).Single();

        await engine.RunSendJobAsync(id);

        var failed = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Undeliverable, failed.Status);
        Assert.Equal(MessageReason.ProviderError, failed.Reason);
        Assert.Null(failed.NextAttemptAt);
        Assert.Contains("HTTP 422", failed.Error);

        var retry = await engine.Services.GetRequiredService<MessageOperations>().RetryAsync(id, MessageEventSources.Operator);
        Assert.Equal(MessageOperationOutcome.Done, retry.Outcome);
        await engine.RunSendJobAsync(id);

        var recovered = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Delivered, recovered.Status);
        Assert.Null(recovered.Reason);
        var types = (await engine.HistoryAsync(id)).Select(e => e.Type).ToList();
        Assert.True(types.IndexOf("UNDELIVERABLE") < types.IndexOf(MessageEventTypes.RetryRequested));
        Assert.True(types.IndexOf(MessageEventTypes.RetryRequested) < types.IndexOf("SENT"));
        Assert.Equal("DELIVERED", types[^1]);
        // The time inside the text reads like the dashboard's, zone named (not "2026-12-01T03:05:24.8916160+00:00").
        var requested = (await engine.HistoryAsync(id)).Single(e => e.Type == MessageEventTypes.RetryRequested).Detail;
        Assert.Matches(@"\(until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)\.$", requested);
    }

    [Fact]
    public async Task RunAsync_RetryBudgetSpent_EndsUndeliverableFailed()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(503, "{}", new Dictionary<string, string> { ["Retry-After"] = "3600" });
        var settings = Webhooks(("hook-a", fake));
        settings["Delivery:RetryBudgetHours"] = "0.01";
        await using var engine = await EngineHost.CreateAsync(settings);
        var id = (await engine.SendAsync(EmailSend)).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Undeliverable, message.Status);
        Assert.Equal(MessageReason.Failed, message.Reason);
        Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.AttemptFailed && e.Detail!.Contains("retry budget"));
    }

    [Fact]
    public async Task RunAsync_NoAddressOnRoutedChannel_IsUnroutableNoChannels()
    {
        await using var engine = await EngineHost.CreateAsync(Simulated());
        var id = (await engine.SendAsync("""{"message":{"to":{"phone_number":"+14155550123"},"content":{"body":"hi"},"routing":{"method":"single","channels":["email"]}}}""")).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Unroutable, message.Status);
        Assert.Equal(MessageReason.NoChannels, message.Reason);
    }

    [Fact]
    public async Task RunAsync_NoProviderForChannel_IsUnroutableNoProviders()
    {
        await using var engine = await EngineHost.CreateAsync(Simulated());
        var id = (await engine.SendAsync("""{"message":{"to":{"user_id":"u1","firebaseToken":"tok"},"content":{"body":"hi"},"routing":{"method":"single","channels":["push"]}}}""")).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Unroutable, message.Status);
        Assert.Equal(MessageReason.NoProviders, message.Reason);
    }

    [Fact]
    public async Task RunAsync_SingleRouting_FallsBackToNextChannel()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(400, "{}");
        var settings = Webhooks(("hook-a", fake));
        foreach (var (key, value) in Simulated("sms"))
        {
            settings[key] = value;
        }

        await using var engine = await EngineHost.CreateAsync(settings);
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com","phone_number":"+14155550123"},"content":{"body":"hi"},"routing":{"method":"single","channels":["email","sms"]}}}""")).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.Status);
        Assert.Equal("sms", message.Channel);
        Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.Failover && e.Detail!.Contains("sms channel"));
    }

    [Fact]
    public async Task RunAsync_Template_IsUndeliverableUnpublished()
    {
        await using var engine = await EngineHost.CreateAsync(Simulated());
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"template":"welcome"}}""")).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Undeliverable, message.Status);
        Assert.Equal(MessageReason.Unpublished, message.Reason);
    }

    [Fact]
    public async Task RunAsync_InterruptedAttempt_IsResentWithSameMessageId_AndSaysSo()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", fake)));
        var id = (await engine.SendAsync(EmailSend)).Single();
        // What a crash between "attempt recorded" and "answer recorded" leaves behind.
        await using (var db = engine.CreateContext())
        {
            db.DeliveryAttempts.Add(new DeliveryAttempt { MessageId = id, Number = 1, Channel = "email", Provider = "hook-a", StartedAt = engine.Time.GetUtcNow() });
            await db.Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AttemptCount, 1));
            await db.SaveChangesAsync();
        }

        await engine.RunSendJobAsync(id);

        var attempts = await engine.AttemptsAsync(id);
        Assert.Equal([AttemptOutcome.Unknown, AttemptOutcome.Accepted], attempts.Select(a => a.Outcome));
        Assert.Equal(2, attempts[1].Number);
        Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.Resent);
        var sentBody = JsonDocument.Parse(Assert.Single(fake.Requests).Body).RootElement;
        Assert.Equal((await engine.MessageAsync(id)).EmailMessageId, sentBody.GetProperty("message_id").GetString());
    }

    [Fact]
    public async Task RunAsync_Delayed_WaitsUntilDue()
    {
        await using var engine = await EngineHost.CreateAsync(Simulated());
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"body":"later"},"delay":{"duration":60000}}}""")).Single();
        Assert.Equal(MessageStatus.Delayed, (await engine.MessageAsync(id)).Status);

        await engine.RunSendJobAsync(id);
        Assert.Equal(MessageStatus.Delayed, (await engine.MessageAsync(id)).Status);

        engine.Time.Advance(TimeSpan.FromSeconds(61));
        await engine.RunSendJobAsync(id);

        Assert.Equal(MessageStatus.Sent, (await engine.MessageAsync(id)).Status);
        Assert.Equal(["DELAYED", "ENQUEUED", "SENT"], (await engine.HistoryAsync(id)).Select(e => e.Type));
    }

    [Fact]
    public async Task RunAsync_TimeoutMessageElapsed_IsUndeliverableFailed()
    {
        await using var engine = await EngineHost.CreateAsync(Simulated());
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"body":"hi"},"timeout":{"message":1000}}}""")).Single();
        engine.Time.Advance(TimeSpan.FromSeconds(2));

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Undeliverable, message.Status);
        Assert.Equal(MessageReason.Failed, message.Reason);
        Assert.Empty(await engine.AttemptsAsync(id));
    }

    [Fact]
    public async Task RunAsync_TwiceConcurrently_SendsOnce()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", fake)));
        var id = (await engine.SendAsync(EmailSend)).Single();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => engine.RunSendJobAsync(id))));

        Assert.Single(fake.Requests);
        Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task RunAsync_CanceledMessage_IsNotSent()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", fake)));
        var id = (await engine.SendAsync(EmailSend)).Single();
        await engine.Services.GetRequiredService<MessageOperations>().CancelAsync(id, MessageEventSources.Api);

        await engine.RunSendJobAsync(id);

        Assert.Empty(fake.Requests);
        Assert.Equal(MessageStatus.Canceled, (await engine.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task RunAsync_VerdictAfterAWebhookDelivered_LeavesTheWebhooksStatusReasonAndError()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(Webhooks(("hook-a", fake)));
        var id = (await engine.SendAsync(EmailSend)).Single();
        // While the only provider is being called, its delivery webhook for this message lands (say, for an
        // earlier send it did accept); then the call itself fails permanently, so the job's verdict is UNDELIVERABLE.
        fake.Responder = _ =>
        {
            using var db = engine.CreateContext();
            var webhook = engine.Services.GetRequiredService<MessageStatusWriter>()
                .TryTransitionAsync(db, new TransitionRequest(id, MessageStatus.Enqueued, MessageStatus.Delivered, MessageEventSources.Webhook) { Provider = "hook-a" })
                .GetAwaiter().GetResult();
            Assert.True(webhook.Applied);
            return new FakeResponse(400, "{\"error\":\"rejected\"}");
        };

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Null(message.Reason);
        Assert.Null(message.Error);
        Assert.Null(message.LeaseUntil);
        var history = await engine.HistoryAsync(id);
        Assert.DoesNotContain(history, e => e.Type == "UNDELIVERABLE");
        Assert.Contains(history, e => e.Type == MessageEventTypes.Ignored && e.Detail!.Contains("meanwhile become DELIVERED"));
    }

    internal static Dictionary<string, string?> Simulated(string channel = "email", int deliveryDelayMs = 1000) => new()
    {
        [$"Providers:sim-{channel}:Type"] = "simulated",
        [$"Providers:sim-{channel}:Channel"] = channel,
        [$"Providers:sim-{channel}:DeliveryDelayMs"] = deliveryDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static Dictionary<string, string?> Webhooks(params (string Id, FakeProviderServer Server)[] hooks)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < hooks.Length; i++)
        {
            var (id, server) = hooks[i];
            settings[$"Providers:{id}:Type"] = "webhook";
            settings[$"Providers:{id}:Channel"] = "email";
            settings[$"Providers:{id}:Priority"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Providers:{id}:Url"] = new Uri(server.BaseAddress, "/deliver").ToString();
        }

        return settings;
    }
}
