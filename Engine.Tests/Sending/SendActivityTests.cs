using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Tests.Sending;

public sealed class SendActivityTests
{
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
}
