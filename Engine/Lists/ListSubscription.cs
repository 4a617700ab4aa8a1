namespace NotificationOps.Engine.Lists;

/// <summary>One recipient (a user id, with or without a profile) subscribed to one list.</summary>
public sealed class ListSubscription
{
    public required string ListId { get; set; }

    public required string UserId { get; set; }

    /// <summary>The subscriber's preferences for this list as JSON (Courier's <c>RecipientPreferences</c>), or null.</summary>
    public string? PreferencesJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
