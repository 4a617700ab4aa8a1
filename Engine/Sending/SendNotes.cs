using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>The send pipeline's history notes (attempts, retries, failover) and the limits on what they keep.</summary>
internal static class SendNotes
{
    public const int MaxResponseBody = 64 * 1024;

    public const int MaxError = 2000;

    public const int MaxDetail = 4000;

    public static void Add(NotificationsDbContext db, DateTimeOffset at, string messageId, string type, string? provider, string detail, string? payload = null) =>
        db.MessageEvents.Add(new MessageEvent
        {
            MessageId = messageId,
            At = at,
            Type = type,
            Source = MessageEventSources.Pipeline,
            Provider = provider,
            Detail = Truncate(detail, MaxDetail),
            Payload = Truncate(payload),
        });

    public static string? Truncate(string? text, int max = MaxResponseBody) =>
        text is null || text.Length <= max ? text : text[..max];
}
