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
        var steps = MessageStatusMachine.TryTransition(from, to);

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
        Assert.Equal([Undeliverable], MessageStatusMachine.TryTransition(Delivered, Undeliverable, MessageReason.Bounced));
        Assert.Empty(MessageStatusMachine.TryTransition(Delivered, Undeliverable, MessageReason.ProviderError));
        Assert.Empty(MessageStatusMachine.TryTransition(Delivered, Undeliverable));
    }

    [Theory]
    [InlineData(Opened)]
    [InlineData(Clicked)]
    public void TryTransition_NeverLetsEngagementRegress(MessageStatus engaged)
    {
        foreach (var earlier in new[] { Enqueued, Sent, Delivered, Undeliverable })
        {
            Assert.Empty(MessageStatusMachine.TryTransition(engaged, earlier, MessageReason.Bounced));
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

    /// <summary>What the machine answers for each status: (can a send attempt start, is it a failure a retry can revive, can it be canceled).</summary>
    private static readonly Dictionary<MessageStatus, (bool Send, bool RetryableFailure, bool Cancel)> Questions = new()
    {
        [Delayed] = (false, false, true),
        [Enqueued] = (true, false, true),
        [Sent] = (false, false, false),
        [Delivered] = (false, false, false),
        [Opened] = (false, false, false),
        [Clicked] = (false, false, false),
        [Undeliverable] = (true, true, false),
        [Unroutable] = (true, true, false),
        [Canceled] = (false, false, false),
        [Simulated] = (false, false, false),
    };

    public static TheoryData<MessageStatus> AllStatuses() => new(Enum.GetValues<MessageStatus>());

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Questions_FollowTheTable_ForEveryStatus(MessageStatus status)
    {
        var (send, retryableFailure, cancel) = Questions[status];

        Assert.Equal(send, MessageStatusMachine.CanSend(status));
        Assert.Equal(send, MessageStatusMachine.SendableStatuses.Contains(status));
        Assert.Equal(retryableFailure, MessageStatusMachine.IsRetryableFailure(status));
        Assert.Equal(cancel, MessageStatusMachine.IsCancelable(status));
    }

    /// <summary>(status, attempts so far, next attempt scheduled) → (retry pending, an operator may retry).</summary>
    public static TheoryData<MessageStatus, int, bool, bool, bool> RetryCases() => new()
    {
        { Enqueued, 0, true, false, false },   // the first attempt is still to come: nothing to retry
        { Enqueued, 1, true, true, true },     // waiting for its next retry
        { Enqueued, 1, false, false, false },  // an attempt, but none scheduled
        { Delayed, 0, true, false, false },
        { Sent, 1, false, false, false },
        { Delivered, 1, false, false, false },
        { Undeliverable, 2, false, false, true },
        { Unroutable, 0, false, false, true },
        { Canceled, 0, false, false, false },
        { Undeliverable, 1, true, false, true }, // a retry by hand already asked for
    };

    [Theory]
    [MemberData(nameof(RetryCases))]
    public void CanRetry_AnswersFromStatusAndSchedule(MessageStatus status, int attempts, bool scheduled, bool pending, bool retryable)
    {
        var message = new Message
        {
            Id = "m1", RequestId = "r1", Recipient = "ada@example.com", RequestJson = "{}",
            Status = status, AttemptCount = attempts, NextAttemptAt = scheduled ? DateTimeOffset.UnixEpoch : null,
        };

        Assert.Equal(pending, MessageStatusMachine.IsRetryPending(message));
        Assert.Equal(retryable, MessageStatusMachine.CanRetry(message));
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
