namespace NotificationOps.Engine.Preferences;

/// <summary>A topic as Settings → Preferences or <c>PUT /api/preferences/topics/{id}</c> defines it.</summary>
public sealed record TopicInput(string Name, string? Section, PreferenceStatus DefaultStatus, string? DefaultChannels);
