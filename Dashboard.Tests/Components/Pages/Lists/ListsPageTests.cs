using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Lists;
using NotificationOps.Dashboard.Tests.Components.Pages.Audiences;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Lists;

public sealed class ListsPageTests : AudiencePageFixture
{
    [Fact]
    public async Task Page_ListsLiveListsWithSubscriberCounts_AndSearchNarrows()
    {
        var lists = Engine.Services.GetRequiredService<ListService>();
        await lists.AddSubscribersAsync("marketing.us", [new ListRecipient("a"), new ListRecipient("b")], replace: false);
        await lists.UpsertAsync("marketing.eu", "Europe", null);
        await lists.UpsertAsync("gone", "Archived", null);
        await lists.DeleteAsync("gone");

        var page = Render<ListsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=list-link]").Count));
        Assert.Equal(["0", "2"], page.FindAll("[data-testid=list-subscriber-count]").Select(c => c.TextContent));
        Assert.Equal("/lists/marketing.eu", page.Find("[data-testid=list-link]").GetAttribute("href"));

        await FillAsync(page, "lists-search", "Europe");
        page.WaitForAssertion(() => Assert.Equal(["Europe"], page.FindAll("[data-testid=list-link]").Select(a => a.TextContent)));
    }
}
