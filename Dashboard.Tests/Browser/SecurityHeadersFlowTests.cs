using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

/// <summary>The Content-Security-Policy on: Blazor, MudBlazor, Monaco, every page, Hangfire and Scalar still work and nothing is blocked.</summary>
[Collection(RealAppCollection.Name)]
public sealed class SecurityHeadersFlowTests
{
    [Fact]
    public async Task Pages_WorkUnderTheContentSecurityPolicy_WithNoViolation()
    {
        await using var app = await AppProcess.StartAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(app, 1280, 900);
        var page = browser.Page;
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };

        await browser.SignInAtAsync("/templates");

        // Blazor's circuit and MudBlazor: a dialog opens on a click, which needs both.
        await Expect(page.GetByTestId("no-templates")).ToBeVisibleAsync();
        await page.GetByTestId("new-template").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await page.Locator("[data-testid=new-template-name] input, input[data-testid=new-template-name]").First.FillAsync("Headers");
        await page.Locator("[data-testid=new-template-alias] input, input[data-testid=new-template-alias]").First.FillAsync("headers");
        await page.GetByTestId("create-template").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/templates/[0-9a-f]{32}$"));

        // Monaco, and the preview in its sandboxed frame.
        await browser.SetEditorTextAsync("email-html", "<h1>Hello {{name}}</h1>");
        await Expect(page.FrameLocator("iframe[data-testid=preview-html]").Locator("h1")).ToHaveTextAsync("Hello Ada", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("csp-template-editor") });

        // Every other page, each a full load whose circuit connects: no inline script but the nonced import map.
        foreach (var path in new[] { "/", "/send", "/analytics", "/profiles", "/audiences", "/lists", "/automations", "/automations/runs", "/templates/brand", "/status", "/settings" })
        {
            await browser.GotoAsync(path);
        }

        await page.GotoAsync(new Uri(app.BaseAddress, "/hangfire").ToString());
        await Expect(page.GetByText("NotificationOps jobs").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("csp-hangfire") });

        await page.GotoAsync(new Uri(app.BaseAddress, "/api-reference/").ToString());
        await Expect(page.GetByText("NotificationOps API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("/api/send").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("csp-api-reference") });

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
