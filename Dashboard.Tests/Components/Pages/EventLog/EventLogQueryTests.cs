using NotificationOps.Dashboard.Components.Pages.EventLog;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Tests.Components.Pages.EventLog;

public sealed class EventLogQueryTests
{
    [Fact]
    public void Parse_ThenToUrl_RoundTripsEveryFilter()
    {
        var query = EventLogQuery.Parse("UNDELIVERABLE,sent,bogus", "email", "sendgrid", "welcome", "vip", "ada", "req-1", "1h", "abc");

        Assert.Equal([MessageStatus.Undeliverable, MessageStatus.Sent], query.Statuses);
        Assert.Equal("/?status=UNDELIVERABLE,SENT&channel=email&provider=sendgrid&template=welcome&tag=vip&recipient=ada&q=req-1&range=1h&cursor=abc",
            Uri.UnescapeDataString(query.ToUrl()));
        Assert.True(query.IsFiltered);
    }

    [Fact]
    public void Parse_DefaultsToUnfilteredLastSevenDays()
    {
        var query = EventLogQuery.Parse(null, null, null, null, null, null, null, "nonsense", null);

        Assert.Equal("/", query.ToUrl());
        Assert.False(query.IsFiltered);
        Assert.Equal("7d", query.Range);
    }

    [Fact]
    public void ToFilter_FloorsTheRangeToTheMinute_SoCountsStayCached()
    {
        var query = EventLogQuery.Parse("DELIVERED", null, null, null, null, null, null, "1h", null);
        var now = new DateTimeOffset(2026, 11, 23, 10, 17, 42, TimeSpan.Zero);

        var first = query.ToFilter(now);
        var second = query.ToFilter(now.AddSeconds(10));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 17, 0, TimeSpan.Zero), first.EnqueuedAfter);
        Assert.Equal(first.Key(), second.Key());
        Assert.Equal(first.WithoutStatuses().Key(), first.WithoutStatuses().Key());
    }
}
