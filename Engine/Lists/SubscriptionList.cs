namespace NotificationOps.Engine.Lists;

/// <summary>A named list of recipients, as Courier's: an id of dot-separated parts, a name, and its subscribers.</summary>
public sealed class SubscriptionList
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The list's default recipient preferences as JSON (Courier's <c>RecipientPreferences</c>), or null.</summary>
    public string? PreferencesJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set by DELETE (Courier archives a list rather than erasing it), cleared by restore or a PUT.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
