namespace NotificationOps.Engine;

/// <summary>The channels NotificationOps routes to.</summary>
public static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Push = "push";
    public const string Chat = "chat";
    public const string Inbox = "inbox";

    public static readonly string[] All = [Email, Sms, Push, Chat, Inbox];

    /// <summary>Tried in this order when a send names no routing.</summary>
    public static readonly string[] DefaultOrder = [Email, Sms, Push, Inbox];

    /// <summary>Channels whose provider's acceptance is the delivery (no receipt comes back).</summary>
    public static bool HasNoReceipt(string channel) => channel is Chat or Inbox;

    public static bool IsKnown(string channel) => All.Contains(channel);
}
