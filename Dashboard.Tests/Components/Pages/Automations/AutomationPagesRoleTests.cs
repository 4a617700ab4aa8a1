using System.Text.Json.Nodes;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Automations;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Automations;

/// <summary>
/// Every change the automation pages make (editor: save, publish; a run: retry, cancel; the Runs grid: bulk retry),
/// per role, called on the handler as a tampered circuit would: the store changes only for Editor and Admin; a Viewer
/// gets the refusal and sees the buttons disabled or not at all.
/// </summary>
public sealed class AutomationPagesRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private const string WaitingRun = """{"automation":{"steps":[{"action":"delay","duration":"5 minutes"},{"action":"send","template":"welcome"}]},"profile":{"email":"ada@example.com"}}""";

    /// <summary>A step that fails for good at once: it invokes an automation template that does not exist.</summary>
    private const string FailingRun = """{"automation":{"steps":[{"action":"invoke","template":"missing"}]}}""";

    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("save-draft", "publish", "run-retry", "run-cancel", "bulk-retry");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        foreach (var type in new[] { typeof(AutomationTemplates), typeof(AutomationRunQueries), typeof(AutomationRunOperations), typeof(AutomationBulkRetry), typeof(TimeProvider) })
        {
            Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesAutomationsOnlyForEditorAndAdmin(string action, string role, bool allowed)
    {
        var templates = Get<AutomationTemplates>();
        await templates.SaveDraftAsync("onboarding", "Onboarding", [new JsonObject { ["action"] = "delay", ["duration"] = "1 day" }], ["signed-up"], null);
        var waiting = await InvokeAsync(WaitingRun);
        await RunJobAsync(waiting);
        var failed = await InvokeAsync(FailingRun);
        // The job throws so that Hangfire lists it as failed; the run is FAILED either way.
        await Assert.ThrowsAsync<AutomationRunFailedException>(() => RunJobAsync(failed));
        Assert.Equal(AutomationRunStatus.Failed, (await RunAsync(failed)).Run.Status);
        SignInAs(role);

        switch (action)
        {
            case "save-draft":
            case "publish":
                var editor = Render<AutomationEditorPage>(p => p.Add(x => x.Id, "onboarding"));
                var button = editor.WaitForElement($"[data-testid={action}]");
                Assert.Equal(!allowed, button.HasAttribute("disabled"));
                Handler.SetField(editor, "name", "Renamed by " + role);
                await Handler.InvokeAsync(editor, action == "publish" ? "PublishAsync" : "SaveAsync");
                break;
            case "run-retry":
            case "run-cancel":
                var runId = action == "run-retry" ? failed : waiting;
                var run = Render<AutomationRunPage>(p => p.Add(x => x.RunId, runId));
                run.WaitForElement("[data-testid=run-status]");
                Assert.Equal(allowed, run.FindAll($"[data-testid={action}]").Count == 1);
                await Handler.InvokeAsync(run, action == "run-retry" ? "RetryAsync" : "CancelAsync");
                break;
            default:
                var grid = Render<AutomationRunsPage>();
                grid.WaitForElement("[data-testid=run-link]");
                Assert.Equal(allowed, grid.FindAll("[data-testid=bulk-retry]").Count == 1);
                await Handler.InvokeAsync(grid, "CountFailedAsync");
                await Handler.InvokeAsync(grid, "StartRetryAsync");
                break;
        }

        var template = await templates.FindAsync("onboarding");
        await using var db = engine.CreateContext();
        var changed = action switch
        {
            "save-draft" => template!.Name == "Renamed by " + role,
            "publish" => template!.PublishedVersion > 0,
            "run-retry" => (await RunAsync(failed)).Run.Status != AutomationRunStatus.Failed,
            "run-cancel" => (await RunAsync(waiting)).Run.Status == AutomationRunStatus.Canceled,
            _ => await db.BulkOperations.AnyAsync(),
        };
        Assert.Equal(allowed, changed);
        if (!allowed)
        {
            Assert.Equal((AutomationRunStatus.Failed, AutomationRunStatus.Waiting), ((await RunAsync(failed)).Run.Status, (await RunAsync(waiting)).Run.Status));
            Assert.Equal(("Onboarding", 0), (template!.Name, template.PublishedVersion));
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }

    private T Get<T>()
        where T : notnull => engine.Services.GetRequiredService<T>();

    private Task<string> InvokeAsync(string json) => Get<AutomationInvoker>().StartAsync(AutomationInvokeParser.ParseAdHoc(JsonNode.Parse(json)));

    /// <summary>What the run's Hangfire job does (no job server here).</summary>
    private Task RunJobAsync(string runId) => Get<AutomationRunner>().RunAsync(runId, null, CancellationToken.None);

    private async Task<AutomationRunDetails> RunAsync(string runId) => (await Get<AutomationRunQueries>().GetAsync(runId))!;

    [Theory]
    [InlineData(NotificationOps.Engine.Security.DashboardRoles.Viewer, false)]
    [InlineData(NotificationOps.Engine.Security.DashboardRoles.Editor, true)]
    [InlineData(NotificationOps.Engine.Security.DashboardRoles.Admin, true)]
    public void AutomationsPage_NewAutomation_ShownOnlyToEditorAndAdmin(string role, bool shown)
    {
        SignInAs(role);

        var page = Render<AutomationsPage>();

        page.WaitForElement("[data-testid=runs-link]");
        Assert.Equal(shown, page.FindAll("[data-testid=new-automation]").Count == 1);
    }
}
