using System.Text;

namespace NotificationOps.Engine.Messages;

/// <summary>A keyset position in the newest-first order (EnqueuedAt, Id): opaque to clients, never an offset.</summary>
public sealed record MessageCursor(DateTimeOffset EnqueuedAt, string Id)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{EnqueuedAt.UtcTicks}:{Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? text, out MessageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return false;
        }

        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':', 2);
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
