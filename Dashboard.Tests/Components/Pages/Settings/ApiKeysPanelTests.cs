using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

/// <summary>Issue 17 item 7: Enter in the name field creates the key, and its secret has a Copy button.</summary>
public sealed class ApiKeysPanelTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        Services.AddSingleton(engine.Services.GetRequiredService<ApiKeyService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task EnterInTheName_CreatesTheKey_AndCopyPutsItsSecretOnTheClipboard()
    {
        var clipboard = JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true);
        clipboard.SetVoidResult();
        Render<MudPopoverProvider>();
        var panel = Render<ApiKeysPanel>();

        panel.Find("[data-testid=new-key-name] input, input[data-testid=new-key-name]").Input("ci-deploy");
        panel.Find("[data-testid=new-key-name] input, input[data-testid=new-key-name]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        var secret = panel.WaitForElement("[data-testid=new-key-secret]").TextContent.Trim();
        Assert.StartsWith("nops_", secret);
        Assert.Contains(await engine.Services.GetRequiredService<ApiKeyService>().ListAsync(), k => k.Name == "ci-deploy");
        await panel.Find("[data-testid=copy-key-secret]").ClickAsync(new MouseEventArgs());
        Assert.Equal(secret, Assert.Single(clipboard.Invocations).Arguments[0]);
        panel.WaitForAssertion(() => Assert.Contains("Copied", panel.Find("[data-testid=copy-key-secret]").TextContent, StringComparison.Ordinal));
    }
}
