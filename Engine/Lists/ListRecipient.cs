namespace NotificationOps.Engine.Lists;

/// <summary>A recipient to subscribe, with that subscriber's preferences (JSON) for the list, if any.</summary>
public sealed record ListRecipient(string UserId, string? PreferencesJson = null);
