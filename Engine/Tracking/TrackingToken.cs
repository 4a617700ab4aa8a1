using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// What a tracking URL carries: the hit kind, the message and (for clicks) the link id, HMAC-SHA256 signed. A
/// token cannot be forged or altered without the key, so the endpoints trust nothing else from the request.
/// </summary>
public sealed record TrackingToken(TrackingHitKind Kind, string MessageId, string? LinkId)
{
    private const int MacBytes = 16;

    public string Sign(byte[] key)
    {
        var payload = Encoding.ASCII.GetBytes(Kind == TrackingHitKind.Open ? $"o.{MessageId}" : $"c.{MessageId}.{LinkId}");
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Mac(key, payload))}";
    }

    /// <summary>The token's content when its signature is valid; null for anything forged, altered or malformed.</summary>
    public static TrackingToken? Read(byte[] key, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(key, payload)))
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(payload).Split('.');
        return parts switch
        {
            ["o", var message] when message.Length > 0 => new TrackingToken(TrackingHitKind.Open, message, null),
            ["c", var message, var link] when message.Length > 0 && link.Length > 0 => new TrackingToken(TrackingHitKind.Click, message, link),
            _ => null,
        };
    }

    private static byte[] Mac(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload)[..MacBytes];
}
