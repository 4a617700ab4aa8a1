using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

public sealed class AuditPanelTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        Services.AddSingleton(engine.Services.GetRequiredService<AuditLog>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task Panel_ShowsWhoWhatAndWhen_NewestFirst_AndPagesOlder()
    {
        var templates = engine.Services.GetRequiredService<TemplateService>();
        for (var i = 0; i < 55; i++)
        {
            await templates.CreateAsync(new TemplateInput { Alias = $"t{i:00}", Name = $"Template {i}" }, i == 54 ? "grace@example.com" : "ada@example.com");
        }

        var panel = Render<AuditPanel>();
        panel.WaitForState(() => panel.FindAll("[data-testid=audit-action]").Count == 50);

        Assert.Equal("grace@example.com", panel.FindAll("[data-testid=audit-actor]")[0].TextContent.Trim());
        Assert.Equal("template.created", panel.FindAll("[data-testid=audit-action]")[0].TextContent.Trim());
        Assert.Contains("Created \"Template 54\"", panel.FindAll("[data-testid=audit-detail]")[0].TextContent);
        await panel.InvokeAsync(() => panel.Find("[data-testid=audit-older]").Click());
        panel.WaitForState(() => panel.FindAll("[data-testid=audit-action]").Count == 55);
        Assert.Contains("Template 0\"", panel.FindAll("[data-testid=audit-detail]")[54].TextContent);
        Assert.Empty(panel.FindAll("[data-testid=audit-older]"));
    }
}
