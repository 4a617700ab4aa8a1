using System.Buffers.Text;
using System.Text;

namespace NotificationOps.Engine.Messages;

/// <summary>A keyset position in the newest-first order (EnqueuedAt, Id): opaque to clients, never an offset.</summary>
public sealed record MessageCursor(DateTimeOffset EnqueuedAt, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{EnqueuedAt.UtcTicks}:{Id}"));

    public static bool TryDecode(string? text, out MessageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return false;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks > 0 && parts[1].Length > 0)
            {
                cursor = new MessageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
