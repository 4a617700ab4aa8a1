namespace NotificationOps.Engine.Lists;

/// <summary>A list a user is subscribed to, with the user's preferences for it.</summary>
public sealed record ProfileListMembership(SubscriptionList List, string? PreferencesJson);
