using System.Text;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// What a tracking URL carries: the hit kind, the message and (for clicks) the link id, HMAC-SHA256 signed. A
/// token cannot be forged or altered without the key, so the endpoints trust nothing else from the request.
/// </summary>
public sealed record TrackingToken(TrackingHitKind Kind, string MessageId, string? LinkId)
{
    private const int MaxLength = 512;

    public string Sign(byte[] key) =>
        SignedToken.Sign(key, Encoding.ASCII.GetBytes(Kind == TrackingHitKind.Open ? $"o.{MessageId}" : $"c.{MessageId}.{LinkId}"));

    /// <summary>The token's content when its signature is valid; null for anything forged, altered or malformed.</summary>
    public static TrackingToken? Read(byte[] key, string? token)
    {
        if (SignedToken.Verify(key, token, MaxLength) is not { } payload)
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
}
