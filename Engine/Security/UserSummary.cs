namespace NotificationOps.Engine.Security;

public sealed record UserSummary(string Id, string Email);
