using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;

namespace NotificationOps.Engine.Tests.Operations;

public sealed class BulkOutcomeFromTests
{
    [Theory]
    [InlineData(MessageStatus.Enqueued, "pending")]
    [InlineData(MessageStatus.Delayed, "pending")]
    [InlineData(MessageStatus.Sent, "sent")]
    [InlineData(MessageStatus.Delivered, "delivered")]
    [InlineData(MessageStatus.Opened, "delivered")]
    [InlineData(MessageStatus.Clicked, "delivered")]
    [InlineData(MessageStatus.Undeliverable, "failed")]
    [InlineData(MessageStatus.Unroutable, "failed")]
    [InlineData(MessageStatus.Canceled, "canceled")]
    public void From_PutsEachStatusInItsBucket(MessageStatus status, string bucket)
    {
        var outcome = BulkOutcome.From([(status, status is MessageStatus.Undeliverable or MessageStatus.Unroutable ? MessageReason.NoProviders : null, false, 3)]);

        var counts = new Dictionary<string, int>
        {
            ["pending"] = outcome.Pending, ["sent"] = outcome.Sent, ["delivered"] = outcome.Delivered,
            ["failed"] = outcome.Failed, ["canceled"] = outcome.Canceled,
        };
        Assert.Equal(3, counts[bucket]);
        Assert.Equal(3, counts.Values.Sum());
        Assert.Equal(3, outcome.Touched);
        Assert.Equal(bucket == "failed" ? 3 : 0, outcome.FailedByReason.GetValueOrDefault(MessageReason.NoProviders));
    }

    [Fact]
    public void From_CountsARequeuedFailureAsPending_UntilItsAttemptRuns()
    {
        var outcome = BulkOutcome.From([(MessageStatus.Undeliverable, MessageReason.ProviderError, true, 2)]);

        Assert.Equal((2, 0), (outcome.Pending, outcome.Failed));
        Assert.Empty(outcome.FailedByReason);
    }
}
