namespace NotificationOps.Engine.Profiles;

/// <summary>A profile as a search result lists it: who, how to reach them, when it last changed.</summary>
public sealed record ProfileSummary(string UserId, string? Email, string? PhoneNumber, DateTimeOffset UpdatedAt);
