namespace NotificationOps.Engine.Preferences;

/// <summary>One user's choice for one topic, and the channels the user wants it on when custom routing is set.</summary>
public sealed class UserTopicPreference
{
    public required string UserId { get; set; }

    public required string TopicId { get; set; }

    public PreferenceStatus Status { get; set; }

    public bool HasCustomRouting { get; set; }

    /// <summary>Our channel names, comma-separated (Courier's <c>direct_message</c> is stored as <c>chat</c>).</summary>
    public string? CustomRouting { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
