using Bunit;
using NotificationOps.Dashboard.Components.Pages.Audiences;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Audiences;

public sealed class AudiencesPageTests : AudiencePageFixture
{
    [Fact]
    public async Task Page_ListsAudiencesWithMemberCountsAndLastCalculation()
    {
        await ProfileAsync("u1", """{"plan":"pro"}""");
        await ProfileAsync("u2", """{"plan":"pro"}""");
        await AudienceAsync("pro-users", """{"name":"Pro users","filter":{"filters":[{"operator":"EQ","path":"plan","value":"pro"}]}}""");

        var page = Render<AudiencesPage>();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=audience-members-count]").TextContent));
        Assert.Equal("/audiences/pro-users", page.Find("[data-testid=audience-link]").GetAttribute("href"));
        Assert.Single(page.FindAll("[data-testid=audiences] time"));
    }

    [Fact]
    public void NewAudience_RefusesAnIdWithControlCharacters()
    {
        var page = Render<AudiencesPage>();
        page.Find("input[data-testid=new-audience-id], [data-testid=new-audience-id] input").Change("bad\u0001id");

        page.Find("[data-testid=new-audience]").Click();

        page.WaitForAssertion(() => Assert.Contains("control characters", page.Markup));
    }

    [Fact]
    public void Viewer_SeesNoNewAudienceButton()
    {
        SignInAs(DashboardRoles.Viewer);

        var page = Render<AudiencesPage>();

        page.WaitForElement("[data-testid=no-audiences]");
        Assert.Empty(page.FindAll("[data-testid=new-audience]"));
    }
}
