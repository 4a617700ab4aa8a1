using System.Reflection;
using Microsoft.AspNetCore.Components;
using NotificationOps.Dashboard.Components.Layout;
using NotificationOps.Dashboard.Components.Pages.Settings;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// Every page a signed-in user can open, from the app's own route table (each <c>@page</c>), the navigation and the
/// Settings tabs, so a page or tab another engineer adds later is checked without anyone touching the test.
/// A route with a parameter needs a sample value; one without a sample fails the test, naming the route.
/// </summary>
public static class DashboardPages
{
    /// <summary>Routes that are not pages of the signed-in dashboard: sign-in (static), the error and not-found pages.</summary>
    private static readonly string[] NotDashboardPages = ["/account/", "/error", "/not-found"];

    public static IReadOnlyList<string> All(IReadOnlyDictionary<string, string> samples, out IReadOnlyList<string> unsampled)
    {
        var routes = typeof(NavMenu).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Where(r => !NotDashboardPages.Any(r.StartsWith))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var missing = new List<string>();
        var pages = new List<string>();
        foreach (var route in routes)
        {
            if (!route.Contains('{', StringComparison.Ordinal))
            {
                pages.Add(route);
            }
            else if (samples.TryGetValue(route, out var sample))
            {
                pages.Add(sample);
            }
            else
            {
                missing.Add(route);
            }
        }

        // Pages outside Blazor's router that the navigation links to (the API reference); Hangfire's dashboard is
        // its own product's UI, not ours to lay out.
        pages.AddRange(NavMenu.Entries.Where(e => e.ForceLoad && e.Href != "/hangfire").Select(e => e.Href));
        pages.AddRange(SettingsTabs.All.Select(t => $"/settings?tab={t.Key}"));
        unsampled = missing;
        return pages.Distinct(StringComparer.Ordinal).ToList();
    }
}
