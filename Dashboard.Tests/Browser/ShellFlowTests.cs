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
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        // Anonymous: the dashboard sends us to the login page.
        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        await page.FillAsync("#email", DashboardFactory.AdminEmail);
        await page.FillAsync("#password", DashboardFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");

        // The shell: app bar, who is signed in, every navigation entry.
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(DashboardFactory.AdminEmail);
        foreach (var entry in new[] { "Event Log", "Templates", "Audiences", "Automations", "Analytics", "Status", "Settings", "Hangfire", "API reference" })
        {
            await Expect(page.GetByTestId("nav").GetByText(entry, new() { Exact = true })).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("shell") });

        // Settings → API keys: create a key; its secret is shown once.
        // A click before the circuit is connected is lost (the page stays on the Event Log): repeat until it lands.
        var nameInput = page.Locator("[data-testid=new-key-name] input, input[data-testid=new-key-name]").First;
        await Eventually.ReactsAsync(
            () => page.GetByTestId("nav").GetByText("Settings", new() { Exact = true }).ClickAsync(),
            () => Expect(nameInput).ToBeVisibleAsync(new() { Timeout = 2000 }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings" })).ToBeVisibleAsync();
        var create = page.GetByTestId("create-key");
        try
        {
            // The prerendered Settings page can show before the circuit connects, and a circuit started for the
            // previous page then renders that page again: go back to Settings until the form answers typing.
            await Eventually.ReactsAsync(
                async () =>
                {
                    try
                    {
                        if (await nameInput.IsVisibleAsync())
                        {
                            await nameInput.FillAsync("browser test key", new() { Timeout = 2000 });
                        }
                        else
                        {
                            await page.GetByTestId("nav").GetByText("Settings", new() { Exact = true }).ClickAsync(new() { Timeout = 2000 });
                        }
                    }
                    catch (Exception ex) when (ex is PlaywrightException or System.TimeoutException)
                    {
                    }
                },
                () => Expect(create).ToBeEnabledAsync(new() { Timeout = 2000 }));
        }
        catch (Exception ex) when (ex is PlaywrightException or System.TimeoutException)
        {
            // Seen once in a full CI run and never alone: keep what the page and the app showed for the next time.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("shell-settings-failure") });
            await File.WriteAllTextAsync(Chromium.ScreenshotPath("shell-settings-failure") + ".html", await page.ContentAsync());
            throw new InvalidOperationException($"The API key form did not become usable. The app's output:\n{app.Output}", ex);
        }

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
