using Bunit;
using NotificationOps.Dashboard.Components.Pages.Audiences;
using NotificationOps.Dashboard.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Audiences;

public sealed class AudienceEditorPageTests : AudiencePageFixture
{
    [Fact]
    public async Task Editor_CountsAsYouType_AndShowsSampleMembersLinkedToTheirProfiles()
    {
        await ProfileAsync("ann/1", """{"email":"ann@example.com","plan":"pro"}""");
        await ProfileAsync("bob", """{"plan":"free"}""");
        await ProfileAsync("cid", """{"custom":{"plan":"pro"}}""");
        var page = Render<AudienceEditorPage>(p => p.Add(x => x.Id, "pros"));
        page.WaitForElement("[data-testid=audience-new]");

        page.Find("[data-testid=add-condition]").Click();
        await FillAsync(page, "condition-path", "plan");
        await FillAsync(page, "condition-value", "pro");

        page.WaitForAssertion(() => Assert.Contains("2 profiles match", page.Find("[data-testid=preview-count]").TextContent));
        var links = page.FindAll("[data-testid=preview-sample] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/profiles/ann%2F1", "/profiles/cid"], links);
    }

    [Fact]
    public async Task Editor_MalformedCondition_NamesTheFieldAndCannotSave()
    {
        var page = Render<AudienceEditorPage>(p => p.Add(x => x.Id, "broken"));
        page.WaitForElement("[data-testid=audience-new]");

        page.Find("[data-testid=add-group]").Click();

        page.WaitForAssertion(() => Assert.Contains("filter.filters[0].filters[0].path", page.Find("[data-testid=audience-error]").TextContent));
        Assert.True(page.Find("[data-testid=audience-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Save_CreatesTheAudience_AndItsMembersGridIsSearchableAndPaged()
    {
        for (var i = 0; i < 60; i++)
        {
            await ProfileAsync($"user-{i:00}", $$"""{"email":"user{{i:00}}@example.com","age":{{i}}}""");
        }

        var page = Render<AudienceEditorPage>(p => p.Add(x => x.Id, "adults"));
        page.WaitForElement("[data-testid=audience-new]");
        Handler.SetField(page, "root", FilterNode.FromAudience("AND", """[{"operator":"GTE","path":"age","value":"5"}]"""));
        Handler.SetField(page, "name", "Adults");
        await Handler.InvokeAsync(page, "SaveAsync");
        await Engine.Services.GetRequiredService<NotificationOps.Engine.Audiences.AudienceCalculator>().RunAsync("adults", CancellationToken.None);

        var saved = Render<AudienceEditorPage>(p => p.Add(x => x.Id, "adults"));
        saved.WaitForAssertion(() => Assert.Contains("55 members", saved.Find("[data-testid=audience-member-count]").TextContent));
        Assert.Equal("Adults", saved.Find("[data-testid=audience-title]").TextContent);
        saved.WaitForAssertion(() => Assert.Equal(50, saved.FindAll("[data-testid=member-link]").Count));
        Assert.Equal("/profiles/user-05", saved.Find("[data-testid=member-link]").GetAttribute("href"));
        Assert.Contains("1–50 of 55 members", saved.Find("[data-testid=pager-range]").TextContent);

        saved.Find("[data-testid=pager-next]").Click();
        saved.WaitForAssertion(() => Assert.Equal(5, saved.FindAll("[data-testid=member-link]").Count));

        await FillAsync(saved, "members-search", "user42@");
        saved.WaitForAssertion(() => Assert.Equal(["user-42"], saved.FindAll("[data-testid=member-link]").Select(a => a.TextContent)));
    }

    [Fact]
    public async Task Viewer_SeesTheDefinitionReadOnly_AndNoSaveOrDelete()
    {
        await AudienceAsync("vips", """{"name":"VIPs","filter":{"filters":[{"operator":"EQ","path":"vip","value":"true"}]}}""");
        SignInAs(DashboardRoles.Viewer);

        var page = Render<AudienceEditorPage>(p => p.Add(x => x.Id, "vips"));

        page.WaitForElement("[data-testid=audience-state]");
        Assert.Empty(page.FindAll("[data-testid=audience-save]"));
        Assert.Empty(page.FindAll("[data-testid=audience-delete]"));
        Assert.Empty(page.FindAll("[data-testid=add-condition]"));
        Assert.True(page.Find("input[data-testid=condition-path], [data-testid=condition-path] input").HasAttribute("disabled"));
    }
}
