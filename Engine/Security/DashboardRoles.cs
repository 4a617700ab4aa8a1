namespace NotificationOps.Engine.Security;

/// <summary>
/// The dashboard's roles (ASP.NET Core Identity roles in the same store); a user holds exactly one. Admin: users,
/// API keys, providers, settings and everything an Editor does. Editor: templates, audiences, automations, sends,
/// retries and bulk operations. Viewer: reads, changes nothing, sees no secrets.
/// </summary>
public static class DashboardRoles
{
    public const string Admin = "Admin";

    public const string Editor = "Editor";

    public const string Viewer = "Viewer";

    /// <summary>Comma-separated, for <c>[Authorize(Roles = ...)]</c>: the roles that may change things.</summary>
    public const string EditorOrAdmin = Admin + "," + Editor;

    public static IReadOnlyList<string> All { get; } = [Admin, Editor, Viewer];

    // Fixed ids: the roles are seeded by a migration, and the upgrade step assigns Admin by this id.
    internal const string AdminId = "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a01";
    internal const string EditorId = "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a02";
    internal const string ViewerId = "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a03";
}
