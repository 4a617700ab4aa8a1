using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookRetryScheduleTests
{
    [Fact]
    public void TryParse_ReadsTheDefaultStandardWebhooksSchedule()
    {
        Assert.True(WebhookRetrySchedule.TryParse(new WebhookOptions().RetrySchedule, out var waits));

        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            waits);
    }

    [Theory]
    [InlineData("5s, 1.5m ,1d", 3)]
    [InlineData("0s", 1)]
    public void TryParse_AcceptsUnitsAndSpaces(string text, int count)
    {
        Assert.True(WebhookRetrySchedule.TryParse(text, out var waits));
        Assert.Equal(count, waits.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("5s,,5m")]
    [InlineData("-5s")]
    public void TryParse_RefusesMalformedText(string text) => Assert.False(WebhookRetrySchedule.TryParse(text, out _));
}
