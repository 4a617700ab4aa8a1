using MudBlazor;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Components.Shared;

/// <summary>One colour per universal status, so a status reads the same in the chip and on the timeline.</summary>
public static class MessageStatusStyle
{
    public static Color For(MessageStatus status) => status switch
    {
        MessageStatus.Enqueued or MessageStatus.Delayed => Color.Info,
        MessageStatus.Sent => Color.Primary,
        MessageStatus.Delivered or MessageStatus.Opened or MessageStatus.Clicked => Color.Success,
        MessageStatus.Undeliverable => Color.Error,
        MessageStatus.Unroutable => Color.Warning,
        MessageStatus.Simulated => Color.Secondary,
        _ => Color.Default,
    };

    /// <summary>History entries that are not transitions: failures stand out, the rest stays quiet.</summary>
    public static Color For(MessageEvent historyEvent) => historyEvent.Status is { } status
        ? For(status)
        : historyEvent.Type switch
        {
            MessageEventTypes.AttemptFailed or MessageEventTypes.Failover or MessageEventTypes.Resent => Color.Warning,
            MessageEventTypes.RetryScheduled or MessageEventTypes.RetryRequested => Color.Info,
            _ => Color.Default,
        };
}
