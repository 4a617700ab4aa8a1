using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tests.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Observability;

/// <summary>Outbound webhooks' lag is measured: from a change to its first attempt, and the time a batch waited for sends.</summary>
public sealed class WebhookLagMetricTests
{
    [Fact]
    public async Task RunAsync_FirstAttempt_RecordsSecondsSinceTheChange_ByEndpoint_NotForARetry()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        using var recorder = new MetricRecorder(fixture.Engine.Services.GetRequiredService<IMeterFactory>(), "nops.webhooks.first_attempt_lag");
        fixture.Receiver.Default = new FakeResponse(503);
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);
        fixture.Engine.Time.Advance(TimeSpan.FromSeconds(2));

        await fixture.DeliverAsync();
        fixture.Engine.Time.Advance(TimeSpan.FromSeconds(5));
        fixture.Receiver.Default = new FakeResponse(200);
        Assert.Equal(1, await fixture.DeliverAsync()); // the retry

        var (value, tags) = Assert.Single(recorder.Measurements);
        Assert.Equal(2, value);
        Assert.Equal(fixture.Endpoint.Id, tags["endpoint"]);
    }

    [Fact]
    public async Task RunAsync_BatchThatWaitedForSends_RecordsTheWait()
    {
        var activity = new SendActivity();
        await using var fixture = await WebhookFixture.CreateAsync(
            configureServices: services => services.AddSingleton(activity).AddSingleton<CpuPressure>(new FixedCpuPressure(1)));
        using var recorder = new MetricRecorder(fixture.Engine.Services.GetRequiredService<IMeterFactory>(), "nops.webhooks.sends_first_wait");
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);
        Assert.Equal(1, await fixture.DeliverAsync());
        Assert.Empty(recorder.Measurements); // nothing was being sent

        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);
        using (activity.Enter())
        {
            // Sends that never end: the batch waits out its budget (1 s by default) and is delivered anyway.
            Assert.Equal(1, await fixture.DeliverAsync());
        }

        Assert.InRange(Assert.Single(recorder.Measurements).Value, 0.9, 60);
    }
}
