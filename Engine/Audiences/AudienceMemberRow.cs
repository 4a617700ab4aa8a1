namespace NotificationOps.Engine.Audiences;

/// <summary>One member of an audience's served membership as the dashboard lists it, with the profile's email when it has one.</summary>
public sealed record AudienceMemberRow(string UserId, string? Email, DateTimeOffset AddedAt, string Reason);
