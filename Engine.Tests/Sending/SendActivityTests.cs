using Microsoft.Extensions.DependencyInjection;
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
        using var called = new ManualResetEventSlim();
        using var answer = new ManualResetEventSlim();
        await using var provider = await FakeProviderServer.StartAsync();
        provider.Responder = _ =>
        {
            called.Set();
            answer.Wait(TimeSpan.FromSeconds(60));
            return new FakeResponse(200);
        };
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:hook-a:Type"] = "webhook",
            ["Providers:hook-a:Channel"] = "email",
            ["Providers:hook-a:Url"] = new Uri(provider.BaseAddress, "/send").ToString(),
        });
        var activity = engine.Services.GetRequiredService<SendActivity>();
        var id = (await engine.SendAsync(EmailSend)).Single();
        Assert.False(activity.Busy); // the intake is done

        var sending = engine.RunSendJobAsync(id);
        Assert.True(called.Wait(TimeSpan.FromSeconds(60)), "the provider was not called");
        Assert.True(activity.Busy);
        answer.Set();
        await sending;

        Assert.False(activity.Busy);
    }
}
