using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Templates;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Templates;

public sealed class BrandPageTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        Services.AddSingleton(engine.Services.GetRequiredService<BrandService>());
        Services.AddSingleton(engine.Services.GetRequiredService<ContentRenderer>());
        SignInAs(DashboardRoles.Admin, "ada@example.com");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    private static void Fill(IRenderedComponent<BrandPage> page, string testId, string value) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]").Input(value);

    [Fact]
    public void Page_PreviewsAsYouType_RefusesABadColour_ThenSaves()
    {
        var page = Render<BrandPage>();

        Fill(page, "brand-name", "Acme Rockets");
        Fill(page, "brand-primary", "red");
        Assert.Contains("Acme Rockets", page.Find("iframe[data-testid=brand-preview]").GetAttribute("srcdoc"));
        Assert.Equal(string.Empty, page.Find("iframe[data-testid=brand-preview]").GetAttribute("sandbox"));
        page.Find("[data-testid=brand-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("#rrggbb", page.Find("[data-testid=brand-error]").TextContent));
        Assert.Equal(Brand.Default.Name, engine.Services.GetRequiredService<BrandService>().Current.Name);

        Fill(page, "brand-primary", "#112233");
        page.Find("[data-testid=brand-save]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=brand-error]")));
        var saved = engine.Services.GetRequiredService<BrandService>().Current;
        Assert.Equal(("Acme Rockets", "#112233", "ada@example.com"), (saved.Name, saved.PrimaryColor, saved.UpdatedBy));
    }
}
