using Bunit;
using NotificationOps.Dashboard.Components.Layout;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Layout;

public sealed class NavMenuTests : MudBlazorTestContext
{
    [Fact]
    public void NavMenu_RendersEveryEntry()
    {
        var menu = Render<NavMenu>();

        var links = menu.FindAll("a");
        var expected = new (string Title, string Href)[]
        {
            ("Event Log", "/"), ("Templates", "/templates"), ("Audiences", "/audiences"), ("Lists", "/lists"), ("Profiles", "/profiles"),
            ("Send", "/send"), ("Automations", "/automations"),
            ("Analytics", "/analytics"), ("Status", "/status"), ("Settings", "/settings"), ("Hangfire", "/hangfire"),
            ("API reference", "/api-reference/"),
        };
        Assert.Equal(expected.Length, links.Count);
        foreach (var (title, href) in expected)
        {
            Assert.Contains(links, a => a.TextContent.Trim() == title && a.GetAttribute("href") == href);
        }
    }
}
