namespace NotificationOps.Engine.Messages;

/// <summary>Message and request ids: time-ordered (UUIDv7) so they sort like the messages they name.</summary>
public static class MessageIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
