using Microsoft.Extensions.Options;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Preferences;

/// <summary>
/// The RFC 8058 headers of an email sent under a topic: <c>List-Unsubscribe</c> (the signed page link under
/// Tracking's base URL, and a mailto when <c>Unsubscribe:Mailto</c> is set) and
/// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.
/// </summary>
public sealed class UnsubscribeLinks(TrackingKeyStore keys, TrackingUrls urls, IOptions<UnsubscribeOptions> options)
{
    public const string PagePrefix = "/u/";
    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";
    public const string OneClick = "List-Unsubscribe=One-Click";

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public string PageUrl(string token) => $"{urls.BaseUrl}{PagePrefix}{token}";

    /// <summary>
    /// The headers for one email, or none: only a message under a known topic that can be left (not REQUIRED: an
    /// unsubscribe we could not honour is not offered), to a recipient with a user id (whose choice can be stored).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(Message message, string channel, PreferenceDecision? decision, CancellationToken cancellationToken = default)
    {
        if (channel != Channels.Email || decision is not { Refusal: null, Leavable: true } || message.RecipientUserId is not { Length: > 0 } userId)
        {
            return None;
        }

        var token = new UnsubscribeToken(userId, decision.TopicId).Sign(await keys.GetKeyAsync(cancellationToken));
        var value = $"<{PageUrl(token)}>";
        if (!string.IsNullOrWhiteSpace(options.Value.Mailto))
        {
            value += $", <mailto:{options.Value.Mailto.Trim()}?subject={Uri.EscapeDataString("unsubscribe " + token)}>";
        }

        return new Dictionary<string, string> { [ListUnsubscribe] = value, [ListUnsubscribePost] = OneClick };
    }
}
