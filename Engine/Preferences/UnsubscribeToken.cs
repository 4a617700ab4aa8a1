using System.Buffers.Text;
using System.Text;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Preferences;

/// <summary>
/// What an unsubscribe link carries: the recipient's user id and the topic the email was sent under, signed with a
/// key derived from the tracking key (<see cref="SignedToken"/>). Nothing else from the request is trusted, so a
/// forged or cut token opens nothing and records nothing.
/// </summary>
public sealed record UnsubscribeToken(string UserId, string TopicId)
{
    private const string Purpose = "unsubscribe";

    // Both ids may be up to 255 characters of any kind; encoded twice they stay well under this.
    private const int MaxLength = 4096;

    public string Sign(byte[] trackingKey) =>
        SignedToken.Sign(SignedToken.DeriveKey(trackingKey, Purpose), Encoding.ASCII.GetBytes($"{Encode(UserId)}.{Encode(TopicId)}"));

    /// <summary>The token's content when its signature is valid; null for anything forged, altered or malformed.</summary>
    public static UnsubscribeToken? Read(byte[] trackingKey, string? token)
    {
        if (SignedToken.Verify(SignedToken.DeriveKey(trackingKey, Purpose), token, MaxLength) is not { } payload)
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(payload).Split('.');
        if (parts is not [var user, var topic])
        {
            return null;
        }

        try
        {
            var userId = Decode(user);
            var topicId = Decode(topic);
            return userId.Length > 0 && topicId.Length > 0 ? new UnsubscribeToken(userId, topicId) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static string Decode(string value) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
}
