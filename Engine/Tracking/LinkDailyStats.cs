namespace NotificationOps.Engine.Tracking;

/// <summary>Clicks on one link position of one template on one UTC day.</summary>
public sealed class LinkDailyStats
{
    public required string Template { get; set; }

    public required string LinkId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The URL last seen at this position (a new template version may change it).</summary>
    public required string Url { get; set; }

    public string? Text { get; set; }

    /// <summary>Messages with a human click on this link (first per message and link).</summary>
    public long UniqueClicks { get; set; }

    public long TotalClicks { get; set; }

    public long MachineClicks { get; set; }
}
