using Bunit;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Shared;

public sealed class TimestampTests : MudBlazorTestContext
{
    private static readonly DateTimeOffset Winter = new(2026, 1, 15, 12, 0, 5, TimeSpan.Zero);

    [Fact]
    public void Timestamp_ShowsTheUsersZone_WithUtcOnHover()
    {
        var zone = UserTimeZone.FromId("Europe/Berlin");

        var cut = Render<Timestamp>(p => p.Add(t => t.Value, Winter).AddCascadingValue(zone));

        var time = cut.Find("time");
        Assert.Equal("2026-01-15 13:00:05 UTC+1", time.TextContent);
        Assert.Equal("2026-01-15 12:00:05 UTC", time.GetAttribute("title"));
        Assert.Equal("2026-01-15T12:00:05Z", time.GetAttribute("datetime"));
    }

    [Fact]
    public void Timestamp_ShowsUtc_WhenTheBrowserNamedNoOrAnUnknownZone()
    {
        var cut = Render<Timestamp>(p => p.Add(t => t.Value, Winter).AddCascadingValue(UserTimeZone.FromId("Not/AZone")));

        Assert.Equal("2026-01-15 12:00:05 UTC", cut.Find("time").TextContent);
    }

    [Fact]
    public void Label_FollowsDaylightSaving_AndHalfHourOffsets()
    {
        var berlin = UserTimeZone.FromId("Europe/Berlin");
        var kolkata = UserTimeZone.FromId("Asia/Kolkata");

        Assert.Equal("UTC+2", berlin.Label(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("UTC+5:30", kolkata.Label(Winter));
    }

    [Fact]
    public void ReasonChip_ShowsTheReason_WithTheErrorAsItsLabel()
    {
        var cut = Render<ReasonChip>(p => p
            .Add(c => c.Reason, NotificationOps.Engine.Messages.MessageReason.NoProviders)
            .Add(c => c.Error, "No enabled provider for sms"));

        var chip = cut.Find("[data-testid=reason-chip]");
        Assert.Equal("NO_PROVIDERS", chip.TextContent);
        Assert.Contains("No enabled provider for sms", chip.GetAttribute("aria-label"));
    }
}
