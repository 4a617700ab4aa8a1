namespace NotificationOps.Engine.Profiles;

/// <summary>A recipient known by user id: contact data plus any custom data, as Courier's profile.</summary>
public sealed class Profile
{
    public required string UserId { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    /// <summary>The whole profile object as JSON (email and phone_number included).</summary>
    public required string DataJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
