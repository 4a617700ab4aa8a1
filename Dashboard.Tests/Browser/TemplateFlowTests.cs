using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

[Collection(RealAppCollection.Name)]
public sealed class TemplateFlowTests
{
    // Each step waits on a server round trip (Blazor circuit, render, store); the machine may be busy.
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 15_000 };

    [Fact]
    public async Task Author_WritesEmailAndSms_PreviewsPublishes_SendsByAlias_AndSeesTheRenderedVersionInTheMessage()
    {
        await using var app = await AppProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Providers__simulated-email__DeliveryDelayMs"] = "0",
        });
        await using var session = await DashboardBrowser.LaunchAsync(app, 1400, 1000);
        var page = session.Page;
        await session.SignInAtAsync("/templates");

        // Create: a name and an alias.
        await Expect(page.GetByTestId("no-templates")).ToBeVisibleAsync();
        await page.GetByTestId("new-template").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await page.Locator("[data-testid=new-template-name] input, input[data-testid=new-template-name]").First.FillAsync("Welcome");
        await page.Locator("[data-testid=new-template-alias] input, input[data-testid=new-template-alias]").First.FillAsync("welcome");
        await page.GetByTestId("create-template").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/templates/[0-9a-f]{32}$"));

        // Write the email in Monaco (through its API: this test is about the flow, not about typing) and watch the
        // preview follow.
        await page.Locator("[data-testid=email-subject] input, input[data-testid=email-subject]").First.FillAsync("Hi {{name}}");
        await session.SetEditorTextAsync("email-html", "<h1>Hello {{name}}</h1>\n<p>{{#if vip}}VIP");
        await Expect(page.GetByTestId("email-html-error")).ToContainTextAsync("Line 2", new() { Timeout = 15_000 });
        await session.SetEditorTextAsync("email-html", "<h1>Hello {{name}}</h1>\n<p>{{#if vip}}VIP{{/if}}");
        await Expect(page.GetByTestId("email-html-error")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var preview = page.FrameLocator("iframe[data-testid=preview-html]");
        await Expect(preview.Locator("h1")).ToHaveTextAsync("Hello Ada", Slow);
        await Expect(page.GetByTestId("preview-subject")).ToHaveTextAsync("Hi Ada", Slow);

        // Every channel's tab is on screen, none behind a scroll arrow.
        foreach (var channel in new[] { "Email", "SMS", "Push", "Chat", "In-app" })
        {
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = channel })).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        // And the SMS.
        await page.GetByRole(AriaRole.Tab, new() { Name = "SMS" }).ClickAsync();
        await session.SetEditorTextAsync("sms-text", "Hi {{name}}, welcome aboard!");
        await Expect(page.GetByTestId("preview-sms")).ToHaveTextAsync("Hi Ada, welcome aboard!", Slow);
        await Expect(page.GetByTestId("sms-segments")).ToContainTextAsync("GSM-7 · 1 segment", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("template-editor"), FullPage = true });

        // Publish: the draft is saved (version 2) and made live.
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("confirm-summary")).ToContainTextAsync("email.html");
        await session.PressEscapeInDialogAsync("confirm-dialog");
        await Expect(page.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page.GetByTestId("published-chip")).ToHaveTextAsync("published v2", Slow);

        // Send by alias through the API, as the SDK does.
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);
        var response = await api.PostAsync("/api/send", new StringContent(
            """{"message":{"to":{"email":"grace@example.com"},"template":"welcome","data":{"name":"Grace"},"routing":{"method":"single","channels":["email"]}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The event log has it; its detail shows exactly what was sent and which version.
        await session.GotoAsync("/");
        var row = page.Locator("[data-testid=recipient-cell]", new() { HasText = "grace@example.com" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await row.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/messages/"));
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("DELIVERED", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("template-version")).ToHaveTextAsync("version 2", Slow);
        await Expect(page.GetByTestId("rendered-title")).ToHaveTextAsync("Hi Grace", Slow);
        await Expect(page.FrameLocator("iframe[data-testid=rendered-html]").Locator("h1")).ToHaveTextAsync("Hello Grace", Slow);
        Assert.Equal(string.Empty, await page.Locator("iframe[data-testid=rendered-html]").GetAttributeAsync("sandbox"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("template-message"), FullPage = true });

        // The link leads back to the template.
        await page.GetByTestId("template").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("template-alias")).ToHaveTextAsync("welcome", Slow);
    }
}
