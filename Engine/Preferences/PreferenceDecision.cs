using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Preferences;

/// <summary>
/// What a recipient's preferences say about one message sent under a topic: refused (UNSUBSCRIBED, OPT_IN_REQUIRED)
/// with the sentence for its history, or allowed on <see cref="Channels"/> (null = every routed channel).
/// </summary>
public sealed record PreferenceDecision(string TopicId, MessageReason? Refusal, string Note, IReadOnlyList<string>? Channels)
{
    /// <summary>The recipient may opt out of the topic (it is not REQUIRED): its email offers an unsubscribe.</summary>
    public bool Leavable { get; init; } = true;
}
