using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Lists;
using NotificationOps.Dashboard.Tests.Components.Pages.Audiences;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Lists;

public sealed class ListDetailPageTests : AudiencePageFixture
{
    private ListService Lists => Engine.Services.GetRequiredService<ListService>();

    [Fact]
    public async Task Page_ShowsSubscribersSearchableAndPaged_EachLinkedToItsProfile()
    {
        await ProfileAsync("user-07", """{"email":"seven@example.com"}""");
        await Lists.AddSubscribersAsync("news", Enumerable.Range(0, 55).Select(i => new ListRecipient($"user-{i:00}")).ToList(), replace: false);

        var page = Render<ListDetailPage>(p => p.Add(x => x.Id, "news"));

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=subscriber-link]").Count));
        Assert.Contains("55 subscribers", page.Find("[data-testid=list-subscribers]").TextContent);
        Assert.Equal("/profiles/user-00", page.Find("[data-testid=subscriber-link]").GetAttribute("href"));
        page.Find("[data-testid=pager-next]").Click();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=subscriber-link]").Count));

        await FillAsync(page, "subscribers-search", "seven@");
        page.WaitForAssertion(() => Assert.Equal(["user-07"], page.FindAll("[data-testid=subscriber-link]").Select(a => a.TextContent)));
        Assert.Contains("seven@example.com", page.Find("[data-testid=subscribers]").TextContent);
    }

    [Fact]
    public async Task CsvImport_WritesTheAcceptedRows_AndReportsTheRefusedOnes()
    {
        await Lists.UpsertAsync("beta", "Beta testers", null);
        var page = Render<ListDetailPage>(p => p.Add(x => x.Id, "beta"));
        page.WaitForElement("[data-testid=csv-import]");

        var csv = "user_id,name\n" + string.Join("\n", Enumerable.Range(0, 1200).Select(i => $"u{i:0000},Name {i}")) + "\n,nobody\nu0001,again\n";
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "beta.csv"));

        page.WaitForAssertion(() => Assert.Contains("1,202 rows read, 1,200 subscribers written, 2 refused", page.Find("[data-testid=csv-report]").TextContent));
        var refused = page.FindAll("[data-testid=csv-refused] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, refused.Count);
        Assert.Contains("no user id", refused[0]);
        Assert.Contains("same user id as line 3", refused[1]);
        Assert.Equal(1200, await Lists.CountSubscribersAsync("beta"));
        page.WaitForAssertion(() => Assert.Contains("1,200 subscribers", page.Find("[data-testid=list-subscribers]").TextContent));
    }

    [Fact]
    public void Page_ForAMissingList_SaysSo()
    {
        var page = Render<ListDetailPage>(p => p.Add(x => x.Id, "nope"));

        page.WaitForElement("[data-testid=list-not-found]");
    }
}
