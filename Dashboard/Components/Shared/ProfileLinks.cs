namespace NotificationOps.Dashboard.Components.Shared;

/// <summary>The one way a page links a user id to its profile page (<c>/profiles/{id}</c>, the id escaped so <c>a/b</c> stays one segment).</summary>
public static class ProfileLinks
{
    public static string For(string userId) => $"/profiles/{Uri.EscapeDataString(userId)}";
}
