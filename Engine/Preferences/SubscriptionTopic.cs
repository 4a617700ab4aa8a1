namespace NotificationOps.Engine.Preferences;

/// <summary>A subscription topic a message can be sent under, with the status users have until they choose.</summary>
public sealed class SubscriptionTopic
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The heading the hosted preference page and Settings group the topic under.</summary>
    public string? Section { get; set; }

    public PreferenceStatus DefaultStatus { get; set; } = PreferenceStatus.OptedIn;

    /// <summary>Channels (ours: email, sms, push, chat, inbox) a message under this topic goes to by default, comma-separated; null = all.</summary>
    public string? DefaultChannels { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
