namespace NotificationOps.Engine.Audiences;

/// <summary>An audience a profile belongs to, since when and why (the calculation, or a profile change).</summary>
public sealed record ProfileAudience(string AudienceId, string Name, DateTimeOffset AddedAt, string Reason);
