using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Templates;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Templates;

/// <summary>Saving the brand per role, called on the handler as a tampered circuit would: only Editor and Admin save it.</summary>
public sealed class BrandPageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("save");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        Services.AddSingleton(engine.Services.GetRequiredService<BrandService>());
        Services.AddSingleton(engine.Services.GetRequiredService<ContentRenderer>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_SavesTheBrandOnlyForAllowedRoles(string action, string role, bool allowed)
    {
        Assert.Equal("save", action);
        var brands = engine.Services.GetRequiredService<BrandService>();
        var before = brands.Current.Name;
        SignInAs(role);
        var page = Render<BrandPage>();
        Assert.Equal(allowed, page.FindAll("[data-testid=brand-save]").Count == 1);
        page.Find("[data-testid=brand-name] input, input[data-testid=brand-name]").Input("Acme by " + role);

        await Handler.InvokeAsync(page, "SaveAsync");

        Assert.Equal(allowed ? "Acme by " + role : before, brands.Current.Name);
        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
