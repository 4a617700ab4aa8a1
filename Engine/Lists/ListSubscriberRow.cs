namespace NotificationOps.Engine.Lists;

/// <summary>One subscriber of a list as the dashboard shows it, with the profile's email when there is a profile.</summary>
public sealed record ListSubscriberRow(string UserId, string? Email, DateTimeOffset SubscribedAt);
