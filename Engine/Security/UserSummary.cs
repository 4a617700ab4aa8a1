namespace NotificationOps.Engine.Security;

/// <summary>A dashboard user and their one <see cref="DashboardRoles"/> role (null only if it was removed outside the dashboard).</summary>
public sealed record UserSummary(string Id, string Email, string? Role);
