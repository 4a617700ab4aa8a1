using Microsoft.AspNetCore.Components.Routing;

namespace NotificationOps.Dashboard.Components.Layout;

/// <summary>One entry of the navigation. ForceLoad leaves the Blazor app (Hangfire, the API reference).</summary>
public sealed record NavEntry(
    string Title,
    string Href,
    string Icon,
    NavLinkMatch Match = NavLinkMatch.Prefix,
    bool ForceLoad = false);
