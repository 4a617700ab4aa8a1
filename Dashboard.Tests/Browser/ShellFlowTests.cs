using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

[Collection(RealAppCollection.Name)]
public sealed class ShellFlowTests
{
    [Fact]
    public async Task Admin_SignsIn_SeesShell_CreatesApiKey_AndCallsApiWithIt()
    {
        await using var app = await AppProcess.StartAsync();
        await using var session = await DashboardBrowser.LaunchAsync(app, 1280, 800);
        var page = session.Page;

        // Anonymous: the dashboard sends us to the login page.
        await page.GotoAsync(session.Url("/"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        await session.SignInAsync();

        // The shell: app bar, who is signed in, every navigation entry.
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(DashboardFactory.AdminEmail);
        foreach (var entry in new[] { "Event Log", "Templates", "Audiences", "Automations", "Analytics", "Status", "Settings", "Hangfire", "API reference" })
        {
            await Expect(page.GetByTestId("nav").GetByText(entry, new() { Exact = true })).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("shell") });

        // Settings → API keys: create a key; its secret is shown once.
        var nameInput = page.Locator("[data-testid=new-key-name] input, input[data-testid=new-key-name]").First;
        await page.GetByTestId("nav").GetByText("Settings", new() { Exact = true }).ClickAsync();
        await Expect(nameInput).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings" })).ToBeVisibleAsync();
        var create = page.GetByTestId("create-key");
        await nameInput.FillAsync("browser test key");
        await Expect(create).ToBeEnabledAsync();
        await create.ClickAsync();

        var secretLocator = page.GetByTestId("new-key-secret");
        await Expect(secretLocator).ToBeVisibleAsync();
        var secret = (await secretLocator.TextContentAsync())!.Trim();
        Assert.StartsWith("nops_", secret);
        await Expect(page.GetByTestId("api-keys")).ToContainTextAsync("browser test key");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("settings-api-keys") });

        // The key authenticates /api.
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var response = await api.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("browser test key", await response.Content.ReadAsStringAsync());
    }
}
