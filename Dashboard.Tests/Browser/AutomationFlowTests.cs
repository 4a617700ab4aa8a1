using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

[Collection(RealAppCollection.Name)]
public sealed class AutomationFlowTests
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    [Fact]
    public async Task Operator_FindsFailedRun_RetriesIt_BulkRetriesFailed_AndAuthorsAutomation()
    {
        await using var app = await AppProcess.StartAsync();
        using var api = app.CreateApiClient();
        // A fetch-data step to a loopback address: refused by the SSRF guard, so the run fails at once.
        var invoked = await api.PostAsync("/api/automations/invoke", new StringContent(
            """{"automation": {"steps": [{"action": "fetch-data", "webhook": {"method": "GET", "url": "http://127.0.0.1:9/data"}}]}, "recipient": "browser-user"}""",
            Encoding.UTF8, "application/json"));
        var runId = JsonDocument.Parse(await invoked.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;
        await Eventually.HoldsAsync(async () => (await api.GetStringAsync($"/api/automations/runs/{runId}")).Contains("\"FAILED\""), "the run failed");

        await using var session = await DashboardBrowser.LaunchAsync(app, 1400, 1000);
        var page = session.Page;
        await session.SignInAtAsync("/automations/runs?status=FAILED&recipient=browser-user");

        // The grid's filter is in the URL; the failed run is there; its page shows the error on the step.
        await Expect(page.GetByTestId("run-link")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.GetByTestId("run-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/automations/runs/{runId}$"));
        await Expect(page.GetByTestId("run-status")).ToContainTextAsync("FAILED", Slow);
        await Expect(page.GetByTestId("step-error")).ToContainTextAsync("SSRF", Slow);

        // Retry re-runs the failed step (it fails again: the address is still refused, now after two attempts).
        await page.GetByTestId("run-retry").ClickAsync();
        await Eventually.HoldsAsync(async () => (await api.GetStringAsync($"/api/automations/runs/{runId}")).Contains("\"attempts\":2"), "the retry ran the step again");

        // Bulk retry from the grid's filter: a count first, then a progress bar to the end.
        await session.GotoAsync("/automations/runs?status=FAILED&recipient=browser-user");
        await page.GetByTestId("bulk-retry").ClickAsync();
        await Expect(page.GetByTestId("bulk-retry-confirm")).ToContainTextAsync("1 failed run(s)", Slow);
        await page.GetByTestId("bulk-retry-start").ClickAsync();
        await Expect(page.GetByTestId("bulk-retry-progress")).ToContainTextAsync("COMPLETED", Slow);
        await Eventually.HoldsAsync(async () => (await api.GetStringAsync($"/api/automations/runs/{runId}")).Contains("\"attempts\":3"), "the bulk retry ran the step again");

        // The editor checks as you type, naming the step and field, then saves and publishes.
        await session.GotoAsync("/automations/templates/new");
        var duration = page.Locator("[data-testid='step-duration'] input, input[data-testid='step-duration']").First;
        await duration.FillAsync("soonish");
        await Expect(page.GetByTestId("editor-error")).ToContainTextAsync("steps[0].duration", Slow);
        await duration.FillAsync("2 hours");
        await Expect(page.GetByTestId("editor-error")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.GetByTestId("add-step").ClickAsync();
        await Expect(page.GetByTestId("step-card")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await page.Locator("[data-testid='automation-id'] input, input[data-testid='automation-id']").First.FillAsync("browser-flow");
        await page.Locator("[data-testid='automation-name'] input, input[data-testid='automation-name']").First.FillAsync("Browser flow");
        await page.GetByTestId("step-remove").Last.ClickAsync();
        await Expect(page.GetByTestId("step-card")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/automations/templates/browser-flow$"));

        await session.GotoAsync("/automations");
        await Expect(page.GetByTestId("automation-link")).ToContainTextAsync("Browser flow", Slow);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("automations"), FullPage = true });
    }
}
