namespace NotificationOps.Engine.Preferences;

/// <summary>A topic as one user sees it: the topic's default, the user's status (the default when they never chose) and routing.</summary>
public sealed record TopicPreferenceView(
    SubscriptionTopic Topic,
    PreferenceStatus Status,
    bool HasCustomRouting,
    IReadOnlyList<string> CustomRouting);
