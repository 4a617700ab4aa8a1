namespace NotificationOps.Engine.Tracking;

/// <summary>The funnel of one template on one channel on one UTC day, as the aggregation job counted it.</summary>
public sealed class TemplateDailyStats
{
    /// <summary>The template id or alias; empty for messages sent with inline content.</summary>
    public required string Template { get; set; }

    public required string Channel { get; set; }

    public DateOnly Day { get; set; }

    public long Sent { get; set; }

    public long Delivered { get; set; }

    /// <summary>Messages whose first human open fell on this day.</summary>
    public long UniqueOpens { get; set; }

    /// <summary>Every human open hit (repeats included).</summary>
    public long TotalOpens { get; set; }

    public long UniqueClicks { get; set; }

    public long TotalClicks { get; set; }

    /// <summary>Opens judged machine fetches: shown apart, never in the counts above.</summary>
    public long MachineOpens { get; set; }

    public long MachineClicks { get; set; }
}
