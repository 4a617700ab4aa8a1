using NotificationOps.Engine.Messages;
using static NotificationOps.Engine.Messages.MessageStatus;

namespace NotificationOps.Engine.Tests.Messages;

public sealed class MessageStatusMachineTests
{
    /// <summary>Every allowed move (reason-free), with the steps written. Everything not listed is forbidden.</summary>
    private static readonly Dictionary<(MessageStatus From, MessageStatus To), MessageStatus[]> Allowed = new()
    {
        [(Delayed, Enqueued)] = [Enqueued],
        [(Delayed, Canceled)] = [Canceled],
        [(Delayed, Undeliverable)] = [Undeliverable],
        [(Delayed, Unroutable)] = [Unroutable],
        [(Enqueued, Sent)] = [Sent],
        [(Enqueued, Delivered)] = [Sent, Delivered],
        [(Enqueued, Opened)] = [Sent, Delivered, Opened],
        [(Enqueued, Clicked)] = [Sent, Delivered, Opened, Clicked],
        [(Enqueued, Undeliverable)] = [Undeliverable],
        [(Enqueued, Unroutable)] = [Unroutable],
        [(Enqueued, Canceled)] = [Canceled],
        [(Sent, Delivered)] = [Delivered],
        [(Sent, Opened)] = [Delivered, Opened],
        [(Sent, Clicked)] = [Delivered, Opened, Clicked],
        [(Sent, Undeliverable)] = [Undeliverable],
        [(Delivered, Opened)] = [Opened],
        [(Delivered, Clicked)] = [Opened, Clicked],
        [(Opened, Clicked)] = [Clicked],
        [(Undeliverable, Sent)] = [Sent],
        [(Undeliverable, Delivered)] = [Sent, Delivered],
        [(Undeliverable, Opened)] = [Sent, Delivered, Opened],
        [(Undeliverable, Clicked)] = [Sent, Delivered, Opened, Clicked],
        [(Unroutable, Sent)] = [Sent],
        [(Unroutable, Delivered)] = [Sent, Delivered],
        [(Unroutable, Opened)] = [Sent, Delivered, Opened],
        [(Unroutable, Clicked)] = [Sent, Delivered, Opened, Clicked],
    };

    public static TheoryData<MessageStatus, MessageStatus> AllPairs()
    {
        var data = new TheoryData<MessageStatus, MessageStatus>();
        foreach (var from in Enum.GetValues<MessageStatus>())
        {
            foreach (var to in Enum.GetValues<MessageStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void TryTransition_FollowsTheTable_ForEveryPair(MessageStatus from, MessageStatus to)
    {
        var steps = MessageStatusMachine.TryTransition(to, from);

        if (Allowed.TryGetValue((from, to), out var expected))
        {
            Assert.Equal(expected, steps);
        }
        else
        {
            Assert.Empty(steps);
        }
    }

    [Fact]
    public void TryTransition_AllowsLateBounceAfterDelivered_OnlyForBounced()
    {
        Assert.Equal([Undeliverable], MessageStatusMachine.TryTransition(Undeliverable, Delivered, MessageReason.Bounced));
        Assert.Empty(MessageStatusMachine.TryTransition(Undeliverable, Delivered, MessageReason.ProviderError));
        Assert.Empty(MessageStatusMachine.TryTransition(Undeliverable, Delivered));
    }

    [Theory]
    [InlineData(Opened)]
    [InlineData(Clicked)]
    public void TryTransition_NeverLetsEngagementRegress(MessageStatus engaged)
    {
        foreach (var earlier in new[] { Enqueued, Sent, Delivered, Undeliverable })
        {
            Assert.Empty(MessageStatusMachine.TryTransition(earlier, engaged, MessageReason.Bounced));
        }
    }

    [Theory]
    [InlineData(Enqueued, true)]
    [InlineData(Delayed, true)]
    [InlineData(Sent, false)]
    [InlineData(Delivered, false)]
    [InlineData(Undeliverable, false)]
    [InlineData(Canceled, false)]
    public void IsCancelable_OnlyBeforeSending(MessageStatus status, bool cancelable)
    {
        Assert.Equal(cancelable, MessageStatusMachine.IsCancelable(status));
        Assert.Equal(cancelable, MessageStatusMachine.CanTransition(status, Canceled));
    }

    [Theory]
    [InlineData("ENQUEUED", Enqueued)]
    [InlineData("undeliverable", Undeliverable)]
    public void TryParseStatus_AcceptsWireNames(string wire, MessageStatus expected)
    {
        Assert.True(MessageStatusNames.TryParseStatus(wire, out var status));
        Assert.Equal(expected, status);
        Assert.False(MessageStatusNames.TryParseStatus("1", out _));
        Assert.False(MessageStatusNames.TryParseStatus("BOGUS", out _));
    }

    [Fact]
    public void ToWire_UsesCourierSpelling()
    {
        Assert.Equal("NO_CHANNELS", MessageReason.NoChannels.ToWire());
        Assert.Equal("PROVIDER_ERROR", MessageReason.ProviderError.ToWire());
        Assert.Equal("UNPUBLISHED", MessageReason.Unpublished.ToWire());
        Assert.Equal("DELIVERED", Delivered.ToWire());
    }
}
