using Bunit;
using Microsoft.AspNetCore.Components;
using NotificationOps.Dashboard.Components.Pages.Audiences;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages;

public sealed class NotLandedPagesTests : MudBlazorTestContext
{
    public static TheoryData<Type, string> Pages => new()
    {
        { typeof(AudiencesPage), "Audiences" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_SaysPlainlyThatItsFeatureHasNotLanded(Type page, string subject)
    {
        var rendered = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });

        var notice = rendered.Find("[data-testid=not-landed]");
        Assert.Contains("not been built yet", notice.TextContent);
        Assert.Contains(subject, notice.TextContent);
        Assert.Empty(rendered.FindAll("table"));
    }
}
