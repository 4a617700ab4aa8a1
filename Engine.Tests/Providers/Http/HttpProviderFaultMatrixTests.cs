using System.Net;
using System.Net.Sockets;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Http;

/// <summary>
/// Every HTTP provider through the real send job: 429 with Retry-After, 5xx, a timeout and a refused connection
/// schedule a retry; a permanent error fails over to the next provider of the channel.
/// </summary>
public sealed class HttpProviderFaultMatrixTests
{
    public static TheoryData<string> Kinds => new(ProviderTestSettings.Kinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Send_HonoursRetryAfter_On429(string kind)
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(new FakeResponse(429, """{"error":"rate limited","ok":false}""", new Dictionary<string, string> { ["Retry-After"] = "120" }));
        await using var engine = await EngineHost.CreateAsync(ProviderTestSettings.For(kind, "primary", fake.BaseAddress));
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody(kind))).Single();
        var start = engine.Time.GetUtcNow();

        var retry = await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        Assert.True(retry.RetryAt >= start.AddSeconds(120), $"{kind}: retry at {retry.RetryAt:O} ignores Retry-After");
        Assert.Equal(MessageStatus.Enqueued, (await engine.MessageAsync(id)).Status);
        var attempt = Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal((AttemptOutcome.TransientFailure, "rate_limited", 429), (attempt.Outcome, attempt.ErrorClass, attempt.ResponseStatus));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Send_SchedulesRetry_On5xx(string kind)
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(new FakeResponse(503, """{"error":"unavailable"}"""));
        await using var engine = await EngineHost.CreateAsync(ProviderTestSettings.For(kind, "primary", fake.BaseAddress));
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody(kind))).Single();

        await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        var attempt = Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal((AttemptOutcome.TransientFailure, "transient", 503), (attempt.Outcome, attempt.ErrorClass, attempt.ResponseStatus));
        Assert.NotNull((await engine.MessageAsync(id)).NextAttemptAt);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Send_SchedulesRetry_OnTimeout(string kind)
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(new FakeResponse(200, "{}") { Delay = TimeSpan.FromSeconds(60) });
        var settings = ProviderTestSettings.For(kind, "primary", fake.BaseAddress);
        settings["Delivery:AttemptTimeoutSeconds"] = "2";
        await using var engine = await EngineHost.CreateAsync(settings);
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody(kind))).Single();

        await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        var attempt = Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal((AttemptOutcome.TransientFailure, "timeout"), (attempt.Outcome, attempt.ErrorClass));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Send_SchedulesRetry_OnRefusedConnection(string kind)
    {
        await using var engine = await EngineHost.CreateAsync(ProviderTestSettings.For(kind, "primary", new Uri($"http://127.0.0.1:{ClosedPort()}/")));
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody(kind))).Single();

        await Assert.ThrowsAsync<TransientDeliveryException>(() => engine.RunSendJobAsync(id));

        var attempt = Assert.Single(await engine.AttemptsAsync(id));
        Assert.Equal((AttemptOutcome.TransientFailure, "connection"), (attempt.Outcome, attempt.ErrorClass));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Send_FailsOverToNextProvider_OnPermanentError(string kind)
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(kind switch
        {
            "slack" => new FakeResponse(200, """{"ok":false,"error":"channel_not_found"}"""),
            "postmark" => new FakeResponse(422, """{"ErrorCode":406,"Message":"You tried to send to a recipient that has been marked as inactive."}"""),
            "fcm" => new FakeResponse(404, """{"error":{"code":404,"status":"NOT_FOUND","message":"Requested entity was not found.","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}"""),
            _ => new FakeResponse(400, """{"message":"bad request","code":21211}"""),
        });
        var settings = ProviderTestSettings.WithFallback(ProviderTestSettings.For(kind, "primary", fake.BaseAddress), kind);
        await using var engine = await EngineHost.CreateAsync(settings);
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody(kind))).Single();

        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal("fallback", message.Provider);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        var attempts = await engine.AttemptsAsync(id);
        Assert.Equal([("primary", AttemptOutcome.PermanentFailure), ("fallback", AttemptOutcome.Accepted)], attempts.Select(a => (a.Provider, a.Outcome)));
        Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.Failover);
    }

    private static async Task<FakeProviderServer> StartFakeAsync()
    {
        var fake = await FakeProviderServer.StartAsync();
        fake.Responder = ProviderTestSettings.TokenEndpoint;
        return fake;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
