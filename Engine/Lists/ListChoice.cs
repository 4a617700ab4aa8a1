namespace NotificationOps.Engine.Lists;

/// <summary>A list to subscribe a user to, with the user's preferences (JSON) for it, if any.</summary>
public sealed record ListChoice(string ListId, string? PreferencesJson = null);
