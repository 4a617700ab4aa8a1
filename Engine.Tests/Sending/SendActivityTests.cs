using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

public sealed class SendActivityTests
{
    private const string EmailSend = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"},"routing":{"method":"single","channels":["email"]}}}""";

    [Fact]
    public void Busy_WhileAnyScopeIsOpen()
    {
        var activity = new SendActivity();
        Assert.False(activity.Busy);

        var first = activity.Enter();
        var second = activity.Enter();
        Assert.True(activity.Busy);
        first.Dispose();
        Assert.True(activity.Busy);
        second.Dispose();

        Assert.False(activity.Busy);
    }

    [Fact]
    public async Task Busy_WhileASendBatchWaitsForItsProvider_AndNotAfter()
    {
        var gated = new GatedProviders();
        await using var engine = await EngineHost.CreateAsync(GatedProviders.Settings("gate-a"), services => services.AddSingleton<IDeliveryProviderFactory>(gated));
        var activity = engine.Services.GetRequiredService<SendActivity>();
        var id = (await engine.SendAsync(EmailSend)).Single();
        Assert.False(activity.Busy); // the intake is done
        gated.Hold("ada@example.com");

        var sending = engine.RunSendJobAsync(id);
        await Eventually.HoldsAsync(() => !gated.Calls.IsEmpty, "the provider was called");
        Assert.True(activity.Busy);
        gated.Release("ada@example.com");
        await sending;

        Assert.False(activity.Busy);
    }
}
