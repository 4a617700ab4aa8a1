namespace NotificationOps.Engine.Preferences;

/// <summary>Courier's <c>PreferenceStatus</c>: a topic's default, or a user's choice for it.</summary>
public enum PreferenceStatus
{
    OptedIn = 1,
    OptedOut = 2,
    Required = 3,
}
