using System.Buffers.Text;
using System.Security.Cryptography;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// The one token format of the public links (tracking, unsubscribe): <c>base64url(payload).base64url(mac)</c>, the
/// MAC a truncated HMAC-SHA256 under the tracking key. Callers give their own payload format and parse it only after
/// <see cref="Verify"/> has checked the signature.
/// </summary>
public static class SignedToken
{
    private const int MacBytes = 16;

    public static string Sign(byte[] key, byte[] payload) =>
        $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Mac(key, payload))}";

    /// <summary>The signed payload; null for anything forged, altered, malformed or longer than <paramref name="maxLength"/>.</summary>
    public static byte[]? Verify(byte[] key, string? token, int maxLength)
    {
        if (string.IsNullOrEmpty(token) || token.Length > maxLength)
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

        return CryptographicOperations.FixedTimeEquals(mac, Mac(key, payload)) ? payload : null;
    }

    /// <summary>
    /// A key for one purpose derived from the tracking key, so a token made for one kind of link can never pass
    /// as another's, whatever their payloads look like.
    /// </summary>
    public static byte[] DeriveKey(byte[] key, string purpose) => HMACSHA256.HashData(key, System.Text.Encoding.ASCII.GetBytes(purpose));

    private static byte[] Mac(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload)[..MacBytes];
}
